// Checks a Consentry receipt in the browser, as any third party can: the RFC 9162 inclusion proof must lead
// from the record hash to the signed root, and the Ed25519 signature (key from GET /v1/keys) must cover
// `consentry-receipts/1:<treeSize>:<root>`. Resolves true, false, or null when this browser cannot check.
// Written for the demo (the inspector uses it); no framework, no build step.
;(function () {
  function b64urlToBytes(text) {
    var b64 = text.replace(/-/g, '+').replace(/_/g, '/')
    var bin = atob(b64 + '==='.slice((b64.length + 3) % 4))
    var out = new Uint8Array(bin.length)
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
    return out
  }
  function hexToBytes(hex) {
    var out = new Uint8Array(hex.length / 2)
    for (var i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16)
    return out
  }
  function bytesToHex(bytes) {
    var s = ''
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16)
    return s
  }
  // SHA-256 of a prefix byte (0 for a leaf, 1 for an inner node) followed by the given parts.
  function treeHash(prefix, parts) {
    var size = 1
    for (var i = 0; i < parts.length; i++) size += parts[i].length
    var buf = new Uint8Array(size)
    buf[0] = prefix
    for (var j = 0, at = 1; j < parts.length; at += parts[j].length, j++) buf.set(parts[j], at)
    return crypto.subtle.digest('SHA-256', buf).then(function (d) {
      return new Uint8Array(d)
    })
  }
  // RFC 9162 §2.1.3.2: the root an inclusion proof leads to from a record hash (null when malformed).
  function rootOf(hash, proof) {
    var fn = proof.leafIndex,
      sn = proof.treeSize - 1,
      path = proof.path || []
    if (!/^[0-9a-f]{64}$/.test(hash) || !(fn >= 0 && fn <= sn)) return Promise.resolve(null)
    var step = function (r, k) {
      if (k === path.length) return sn === 0 ? bytesToHex(r) : null
      if (sn === 0 || !/^[0-9a-f]{64}$/.test(path[k])) return null
      var p = hexToBytes(path[k])
      var next
      if (fn % 2 === 1 || fn === sn) {
        next = treeHash(1, [p, r])
        if (fn % 2 === 0)
          while (fn % 2 === 0 && fn !== 0) {
            fn = Math.floor(fn / 2)
            sn = Math.floor(sn / 2)
          }
      } else next = treeHash(1, [r, p])
      fn = Math.floor(fn / 2)
      sn = Math.floor(sn / 2)
      return next.then(function (h) {
        return step(h, k + 1)
      })
    }
    return treeHash(0, [hexToBytes(hash)]).then(function (leaf) {
      return step(leaf, 0)
    })
  }

  /** receipt: { hash, signature, proof }; jwk: the key's JWK from GET /v1/keys. */
  window.consentryVerifyReceipt = function (receipt, jwk) {
    var proof = receipt && receipt.proof
    if (!jwk || !receipt.signature || !proof || !crypto.subtle) return Promise.resolve(null)
    return rootOf(receipt.hash, proof)
      .then(function (root) {
        if (root !== proof.root) return false
        var message = new TextEncoder().encode('consentry-receipts/1:' + proof.treeSize + ':' + proof.root)
        return crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, { name: 'Ed25519' }, false, ['verify']).then(function (key) {
          return crypto.subtle.verify({ name: 'Ed25519' }, key, b64urlToBytes(receipt.signature), message)
        })
      })
      .catch(function () {
        return null
      })
  }
})()
