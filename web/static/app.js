// Notice Archive: small enhancements over pages that work without JavaScript.
// - The results follow typing in the search box: the same server-rendered page is
//   fetched and its results region swapped in; the URL follows (history.replaceState).
// - Facet and table filter boxes narrow long lists as one types.
// - Copy buttons copy citations.
(function () {
  'use strict';

  function showJSOnly(root) {
    root.querySelectorAll('[data-js-only]').forEach(function (el) { el.hidden = false; });
  }

  // Live search.
  var form = document.querySelector('form[data-live]');
  var region = document.getElementById('search-results');
  if (form && region && window.fetch && window.DOMParser && window.URLSearchParams && window.AbortController) {
    var input = form.querySelector('input[name=q]');
    var status = document.querySelector('[data-live-status]');
    var timer = null;
    var inflight = null;
    var lastURL = location.pathname + location.search;

    var stateURL = function () {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (value !== '') { params.append(key, value); }
      });
      var qs = params.toString();
      return form.getAttribute('action') + (qs ? '?' + qs : '');
    };

    var update = function () {
      var url = stateURL();
      if (url === lastURL) { return; }
      if (inflight) { inflight.abort(); }
      inflight = new AbortController();
      var ctrl = inflight;
      region.setAttribute('aria-busy', 'true');
      fetch(url, { signal: ctrl.signal, headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
        .then(function (resp) { return resp.text(); })
        .then(function (html) {
          if (ctrl !== inflight) { return; }
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var next = doc.getElementById('search-results');
          if (!next) { return; }
          region.replaceWith(next);
          region = next;
          showJSOnly(region);
          document.title = doc.title;
          lastURL = url;
          history.replaceState(null, '', url);
          if (status) {
            var count = region.querySelector('[data-result-count]');
            var err = region.querySelector('.error-message');
            status.textContent = err ? err.textContent : (count ? count.textContent.replace(/\s+/g, ' ').trim() : '');
          }
        })
        .catch(function () { /* offline or aborted: the form still submits normally */ })
        .finally(function () { if (region) { region.removeAttribute('aria-busy'); } });
    };

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(update, 250);
    });
  }

  // Filter boxes: hide the values of a facet (or rows of a table) that do not match.
  document.addEventListener('input', function (ev) {
    var box = ev.target;
    if (!(box instanceof HTMLInputElement)) { return; }
    var needle = box.value.trim().toLowerCase();
    var items = [];
    if (box.hasAttribute('data-facet-filter')) {
      var facet = box.closest('.facet');
      if (facet) { items = facet.querySelectorAll('.facet-values li'); }
    } else if (box.hasAttribute('data-table-filter')) {
      var table = document.getElementById(box.getAttribute('data-table-filter'));
      if (table) { items = table.querySelectorAll('tbody tr'); }
    } else {
      return;
    }
    items.forEach(function (el) {
      var label = el.querySelector('.label, th') || el;
      el.hidden = needle !== '' && label.textContent.toLowerCase().indexOf(needle) < 0;
    });
  });

  // Copy buttons.
  document.addEventListener('click', function (ev) {
    var btn = ev.target.closest && ev.target.closest('[data-copy]');
    if (!btn || !navigator.clipboard) { return; }
    var src = document.getElementById(btn.getAttribute('data-copy'));
    if (!src) { return; }
    navigator.clipboard.writeText(src.textContent).then(function () {
      var was = btn.textContent;
      btn.textContent = 'Copied';
      setTimeout(function () { btn.textContent = was; }, 1500);
    });
  });

  showJSOnly(document);
})();
