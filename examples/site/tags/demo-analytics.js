// A stand-in for an analytics tag, written for the demo: it sets cookies and local storage and sends a
// beacon to the demo server on every run. Consentry must keep it from running until analytics is granted.
;(function () {
  var runs = (window.__demoTagRuns = window.__demoTagRuns || {})
  runs.analytics = (runs.analytics || 0) + 1
  var id = (document.cookie.match(/(?:^|; )_da_id=([^;]*)/) || [])[1] || Math.random().toString(36).slice(2)
  document.cookie = '_da_id=' + id + '; path=/; max-age=63072000; samesite=lax'
  document.cookie = '_da_s_' + id.slice(0, 4) + '=1; path=/; max-age=1800; samesite=lax'
  localStorage.setItem('da_last_visit', String(Date.now()))
  navigator.sendBeacon('/demo/collect?tag=analytics&page=' + encodeURIComponent(location.pathname) + '&id=' + id)
})()
