// The standard Google tag queue. gtag.js itself is not loaded in the demo (no internet needed): the
// inspector shows the dataLayer instead, where Consentry's consent default must come before this config.
window.dataLayer = window.dataLayer || []
window.gtag =
  window.gtag ||
  function () {
    window.dataLayer.push(arguments)
  }
window.gtag('js', new Date())
window.gtag('config', 'G-DEMO0000')
