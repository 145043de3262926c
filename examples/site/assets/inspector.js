// The consent inspector: reads the framed demo page (same origin) and the API, and shows, live, what
// Consentry let run, what is stored in the browser, the signals sent to ad tech, and the proof kept
// on the server with its Ed25519 signature checked in the browser. Written for the demo; no framework.
;(function () {
  var frame = document.getElementById('page')
  var panel = document.getElementById('panel')
  var controls = document.getElementById('controls')
  var lastRecordsKey = ''
  var recordsView = el('div')

  function el(tag, text, cls) {
    var node = document.createElement(tag)
    if (text !== undefined) node.textContent = text
    if (cls) node.className = cls
    return node
  }
  function table(rows, head) {
    var t = el('table')
    if (head) {
      var tr = el('tr')
      head.forEach(function (h) {
        tr.appendChild(el('th', h))
      })
      t.appendChild(tr)
    }
    rows.forEach(function (row) {
      var tr = el('tr')
      row.forEach(function (cell) {
        tr.appendChild(cell instanceof Node ? cell : el('td', String(cell)))
      })
      t.appendChild(tr)
    })
    return t
  }
  function section(title, body) {
    var s = el('section')
    s.appendChild(el('h3', title))
    s.appendChild(body)
    return s
  }
  function pre(value) {
    return el('pre', typeof value === 'string' ? value : JSON.stringify(value, null, 2))
  }

  controls.addEventListener('submit', function (event) {
    event.preventDefault()
    var data = new FormData(controls)
    var query = [data.get('geo'), data.get('gpc') ? 'gpc=1' : ''].filter(Boolean).join('&')
    frame.src = '/site/' + (query ? '?' + query : '')
  })
  document.getElementById('forget').addEventListener('click', function () {
    var w = frame.contentWindow
    w.document.cookie.split('; ').forEach(function (pair) {
      var name = pair.split('=')[0]
      if (name) w.document.cookie = name + '=; path=/; max-age=0'
    })
    w.localStorage.clear()
    w.sessionStorage.clear()
    frame.contentWindow.location.reload()
  })

  function consentModeCommands(w) {
    return (w.dataLayer || [])
      .map(function (entry) {
        return Array.prototype.slice.call(entry)
      })
      .filter(function (args) {
        return args[0] === 'consent' || args[0] === 'config' || args[0] === 'event' || args[0] === 'set'
      })
      .map(function (args) {
        return args[0] + ' ' + (typeof args[1] === 'string' ? args[1] + ' ' : '') + JSON.stringify(args[2] !== undefined ? args[2] : args[1])
      })
  }

  function gppPing(w) {
    var out = null
    if (typeof w.__gpp === 'function')
      w.__gpp('ping', function (data) {
        out = data
      })
    return out
  }

  function render() {
    var w = frame.contentWindow
    if (!w || !w.document || w.document.readyState === 'loading') return
    var fresh = el('div')
    var api = w.consentry && typeof w.consentry.get === 'function' ? w.consentry : null
    var snapshot = api ? api.get() : null
    // The parts of consentry.get() that change with each click (the configuration does not).
    var summary = snapshot
      ? {
          regime: snapshot.jurisdiction.regime + ' (' + snapshot.jurisdiction.ruleset + ')',
          categories: snapshot.consent.categories,
          saleOptOut: snapshot.consent.saleOptOut,
          gpcHonoured: snapshot.consent.gpcHonoured,
          method: snapshot.state ? snapshot.state.method : 'no decision yet',
        }
      : 'the banner has not started yet'
    fresh.appendChild(section('Consent now (consentry.get())', pre(summary)))
    var runs = w.__demoTagRuns || {}
    fresh.appendChild(
      section(
        'Tags that ran on this page',
        table(
          ['analytics', 'ads', 'video'].map(function (tag) {
            var n = tag === 'video' ? (w.document.querySelector('iframe.video[src]') ? 1 : 0) : runs[tag] || 0
            return [tag, n ? 'ran ' + n + '×' : 'blocked']
          }),
          ['tag', 'status'],
        ),
      ),
    )
    var cookies = w.document.cookie ? w.document.cookie.split('; ') : []
    fresh.appendChild(
      section(
        'Cookies (' + cookies.length + ')',
        table(
          cookies.map(function (c) {
            var i = c.indexOf('=')
            return [c.slice(0, i), c.slice(i + 1)]
          }),
          ['name', 'value'],
        ),
      ),
    )
    var keys = []
    for (var i = 0; i < w.localStorage.length; i++) keys.push(['local', w.localStorage.key(i)])
    for (var j = 0; j < w.sessionStorage.length; j++) keys.push(['session', w.sessionStorage.key(j)])
    fresh.appendChild(section('Storage keys (' + keys.length + ')', table(keys, ['kind', 'key'])))
    fresh.appendChild(section('Google Consent Mode (dataLayer order)', pre(consentModeCommands(w).join('\n') || 'no commands')))
    var ping = gppPing(w)
    fresh.appendChild(
      section(
        'IAB GPP (__gpp ping)',
        pre(ping ? { signalStatus: ping.signalStatus, applicableSections: ping.applicableSections, gppString: ping.gppString } : 'no __gpp'),
      ),
    )
    fresh.appendChild(recordsView)
    panel.replaceChildren(fresh)
    var visitorId = snapshot && snapshot.state ? snapshot.state.visitorId : null
    refreshRecords(visitorId)
  }

  var keysPromise = null
  function publicKeys() {
    keysPromise =
      keysPromise ||
      fetch('/v1/keys').then(function (r) {
        return r.json()
      })
    return keysPromise
  }

  // Each history record carries its receipt (Ed25519 over its batch's Merkle root, with the inclusion proof)
  // and key id; receipt-verify.js checks it.
  function verify(record, keys) {
    var list = keys.keys || []
    var receipt = record.receipt || {}
    var jwk = null
    for (var i = 0; i < list.length; i++) if (list[i].keyId === receipt.keyId) jwk = list[i].jwk
    if (!window.consentryVerifyReceipt) return Promise.resolve(null)
    return window.consentryVerifyReceipt({ hash: record.hash, signature: receipt.signature, proof: receipt.proof }, jwk)
  }

  function refreshRecords(visitorId) {
    if (!visitorId) {
      recordsView.replaceChildren(section('Records kept by the API', el('p', 'No decision yet, so nothing is recorded.')))
      return
    }
    fetch('/v1/consents?siteId=site_demo0001&visitorId=' + visitorId)
      .then(function (r) {
        return r.json()
      })
      .then(function (body) {
        var records = body.records || body.items || []
        var key = JSON.stringify(
          records.map(function (r) {
            return r.id
          }),
        )
        if (key === lastRecordsKey) return
        lastRecordsKey = key
        return publicKeys().then(function (keys) {
          return Promise.all(
            records.map(function (r) {
              return verify(r, keys)
            }),
          ).then(function (checks) {
            var rows = records.map(function (r, i) {
              var ok = checks[i]
              return [
                new Date(r.receivedAt || r.createdAt).toLocaleTimeString(),
                r.method,
                r.id,
                el('td', ok === true ? 'signature valid' : ok === false ? 'signature INVALID' : 'not checked', ok ? 'ok' : 'bad'),
              ]
            })
            var box = el('div')
            box.appendChild(table(rows, ['time', 'method', 'record', 'Ed25519']))
            if (records.length) box.appendChild(pre(records[records.length - 1]))
            recordsView.replaceChildren(section('Records kept by the API (' + records.length + ')', box))
          })
        })
      })
      .catch(function (error) {
        recordsView.replaceChildren(section('Records kept by the API', el('p', 'API unreachable: ' + error.message, 'bad')))
      })
  }

  setInterval(render, 700)
  frame.addEventListener('load', function () {
    lastRecordsKey = ''
    render()
  })
})()
