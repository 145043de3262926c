// Runs inside the demo video iframe: stands in for a video platform's player cookie and view beacon.
document.cookie = 'dv_player=volume%3D0.8; path=/; max-age=15552000; samesite=lax'
navigator.sendBeacon('/demo/collect?tag=video&page=' + encodeURIComponent(location.pathname))
