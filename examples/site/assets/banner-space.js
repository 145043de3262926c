// Keeps the page clear of Consentry's bottom bar (WCAG 2.4.11 Focus Not Obscured). The bar is fixed over
// the bottom of the viewport, so without this the last links of the page ("Cookie settings", "Do Not Sell
// or Share") can never scroll out from under it and keyboard focus lands on them unseen. While the first
// layer is shown, the page gets bottom padding and scroll padding equal to the part of the viewport the
// bar covers (site.css reads --consent-layer-height); when it closes, both go back to zero.
;(function () {
  var root = document.documentElement
  var layer = null
  var observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null

  // The first layer is the banner's labelled region (its ARIA role, not a class name, so restyling is safe).
  function findLayer() {
    var host = document.querySelector('consentry-banner')
    return (host && host.shadowRoot && host.shadowRoot.querySelector('[role="region"]')) || null
  }
  // Called by the ResizeObserver, i.e. after layout: reading the layer's box here forces no extra reflow.
  function measure() {
    var covered = 0
    if (layer && layer.isConnected && getComputedStyle(layer).position === 'fixed') {
      var rect = layer.getBoundingClientRect()
      // Anchored at the bottom (bar, or the corner box a little above it): reserve what it covers.
      if (rect.height > 0 && rect.bottom >= window.innerHeight - 32) covered = Math.ceil(window.innerHeight - rect.top)
    }
    root.style.setProperty('--consent-layer-height', covered + 'px')
  }
  function track() {
    var next = findLayer()
    if (next === layer) return
    if (observer && layer) observer.unobserve(layer)
    layer = next
    if (observer && layer) observer.observe(layer)
    else measure()
  }
  // Follow the banner's shadow tree rather than its events: the first layer shown at load announces
  // nothing (no consentry:show), and the ES module build mounts it only after its configuration loads.
  var watching = null
  function watch() {
    var host = document.querySelector('consentry-banner')
    if (host && host.shadowRoot && watching !== host.shadowRoot) {
      watching = host.shadowRoot
      new MutationObserver(track).observe(watching, { childList: true, subtree: true })
    }
    track()
  }
  function start() {
    new MutationObserver(watch).observe(document.body, { childList: true })
    watch()
  }
  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start)
})()
