// Demo only: simulates a browser that sends Global Privacy Control (Firefox, Brave and DuckDuckGo do;
// Chromium needs an extension). Loaded before Consentry when the page is opened with ?gpc=1.
Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
  get: function () {
    return true
  },
  configurable: true,
})
