// Live search for /cerca/: results and counts follow the filters as they
// change, the address stays shareable and Back works. Without this script
// the same form submits as a plain GET and the server renders the same page.
(function () {
  'use strict';
  var form = document.querySelector('form[data-live-search]');
  if (!form || !window.fetch || !window.history || !window.DOMParser) return;
  var pending = null;
  var timer = 0;

  function addressOf(f) {
    var params = new URLSearchParams();
    new FormData(f).forEach(function (value, name) {
      if (name === 'sort' && value === 'rilevanza') return;
      if (name === 'q' && !String(value).trim()) return;
      params.append(name, value);
    });
    var query = params.toString();
    return '/cerca/' + (query ? '?' + query : '');
  }

  function load(url, push) {
    if (pending) pending.abort();
    pending = new AbortController();
    form.setAttribute('aria-busy', 'true');
    fetch(url, { signal: pending.signal, headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var fresh = page.querySelector('form[data-live-search]');
        if (!fresh) return;
        swap(fresh);
        document.title = page.title;
        if (push) history.pushState({ live: true }, '', url);
      })
      .catch(function (error) {
        if (error.name !== 'AbortError') window.location.href = url;
      })
      .finally(function () { form.removeAttribute('aria-busy'); });
  }

  // Replace filters and results but keep the text box the visitor is typing
  // in, and the filter groups the visitor opened.
  function swap(fresh) {
    var filters = form.querySelector('.search__filters');
    var results = form.querySelector('#risultati');
    var active = document.activeElement && document.activeElement.id;
    var freshFilters = fresh.querySelector('.search__filters');
    filters.querySelectorAll('details[data-facet][open]').forEach(function (group) {
      var again = freshFilters.querySelector('details[data-facet="' + group.getAttribute('data-facet') + '"]');
      if (again) again.open = true;
    });
    filters.replaceWith(freshFilters);
    results.replaceWith(fresh.querySelector('#risultati'));
    var q = form.querySelector('#q');
    var freshQ = fresh.querySelector('#q');
    if (q && freshQ && document.activeElement !== q) q.value = freshQ.value;
    if (active && active !== 'q') {
      var again = document.getElementById(active);
      if (again) again.focus();
    }
  }

  form.addEventListener('change', function (event) {
    if (event.target.id === 'q') return;
    load(addressOf(form), true);
  });
  form.addEventListener('input', function (event) {
    if (event.target.id !== 'q') return;
    clearTimeout(timer);
    timer = setTimeout(function () { load(addressOf(form), true); }, 300);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    load(addressOf(form), true);
  });
  form.addEventListener('click', function (event) {
    var link = event.target.closest('a[href^="/cerca/"]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    load(link.getAttribute('href'), true);
    var q = form.querySelector('#risultati');
    if (q) q.scrollIntoView();
  });
  window.addEventListener('popstate', function () {
    load(location.pathname + location.search, false);
  });
})();

// Which result a search led to (docs/usage-report.md): when a visitor opens a
// story from the results, the query and the story's address go to the
// service, which only adds one to a daily count. Nothing is sent with Do Not
// Track or Global Privacy Control on, nor without JavaScript.
(function () {
  'use strict';
  if (!navigator.sendBeacon || navigator.globalPrivacyControl === true ||
      navigator.doNotTrack === '1' || window.doNotTrack === '1') return;
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('#risultati a[href^="/esperienze/"]');
    if (!link) return;
    var path = link.getAttribute('href').split(/[?#]/)[0];
    var q = new URLSearchParams(location.search).get('q') || '';
    navigator.sendBeacon('/api/click', new URLSearchParams({ q: q, url: path }));
  });
})();
