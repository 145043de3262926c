// A stand-in for an advertising tag, written for the demo: sets an ad id cookie, fills the ad slot and
// sends an impression beacon. Consentry must keep it from running unless advertising is granted and
// the visitor has not opted out of sale/sharing (GPC or "Do Not Sell").
;(function () {
  var runs = (window.__demoTagRuns = window.__demoTagRuns || {})
  runs.ads = (runs.ads || 0) + 1
  var uid = (document.cookie.match(/(?:^|; )_dads_uid=([^;]*)/) || [])[1] || Math.random().toString(36).slice(2)
  document.cookie = '_dads_uid=' + uid + '; path=/; max-age=7776000; samesite=lax'
  var slot = document.getElementById('ad-slot')
  if (slot) slot.textContent = 'Advertisement: Demo Ads would show a personalised ad here (uid ' + uid + ').'
  navigator.sendBeacon('/demo/collect?tag=ads&page=' + encodeURIComponent(location.pathname) + '&uid=' + uid)
})()
