// Live search for /cerca/ and for the filters of the story lists
// (/esperienze/ and the term pages, whose form leads to /cerca/): results
// and counts follow the words and the filters as they change, the address
// stays shareable and Back works. Without this script the same form submits
// as a plain GET and the server renders the same page.
//
// History: typing replaces the current entry (so a shared or reloaded
// address shows what is on screen); submitting (Enter, the button, a filter)
// pushes one entry, after putting the current entry back to the search it
// showed before the typing started, so Back restores the previous search.
// Requests are debounced, an answer older than the newest request is
// dropped, and the results stay on screen until the new ones arrive.
(function () {
  'use strict';
  var form = document.querySelector('form[data-live-search]');
  if (!form || !window.fetch || !window.history || !window.DOMParser || !window.AbortController) return;
  var DEBOUNCE_MS = 250;
  var pending = null;
  var timer = 0;
  var sequence = 0;   // number of the newest request
  var shown = 0;      // number of the request whose answer is on screen
  var committed = location.pathname + location.search;  // the address of the last submitted search
  var onScreen = committed;  // the address whose results are on screen
  var wide = window.matchMedia ? window.matchMedia('(min-width: 48rem)') : null;

  // On wide screens the filters sit beside the results: open the panel.
  function openPanelIfWide() {
    var panel = form.querySelector('details[data-filters]');
    if (panel && wide && wide.matches) panel.open = true;
  }
  openPanelIfWide();

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

  // mode: 'type' (replace the entry), 'submit' (push one), 'restore' (Back/Forward: no history change);
  // reveal: bring the results into view afterwards (a submitted search, not a ticked filter).
  function load(url, mode, reveal) {
    if (pending) pending.abort();
    pending = new AbortController();
    var mine = ++sequence;
    form.setAttribute('aria-busy', 'true');
    fetch(url, { signal: pending.signal, headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (mine !== sequence || mine < shown) return;  // a newer request was made: drop this answer
        var page = new DOMParser().parseFromString(html, 'text/html');
        var fresh = page.querySelector('form[data-live-search]');
        if (!fresh) return;
        shown = mine;
        onScreen = url;
        swap(fresh, mode === 'restore');
        document.title = page.title;
        var heading = document.querySelector('main h1, h1');
        var freshHeading = page.querySelector('main h1, h1');
        if (heading && freshHeading) heading.textContent = freshHeading.textContent;
        if (mode === 'type') {
          history.replaceState({ live: true }, '', url);
        } else if (mode === 'submit') {
          history.replaceState({ live: true }, '', committed);
          history.pushState({ live: true }, '', url);
          committed = url;
          if (reveal) showResults();
        } else {
          committed = url;
        }
      })
      .catch(function (error) {
        if (error.name !== 'AbortError') window.location.href = url;
      })
      .finally(function () {
        if (mine === sequence) form.removeAttribute('aria-busy');
      });
  }

  // Brings the results into view after a submitted search (phones: the
  // keyboard closes and the first results show).
  function showResults() {
    var results = form.querySelector('#risultati');
    if (!results) return;
    var q = form.querySelector('#q');
    if (q && document.activeElement === q) q.blur();
    var top = results.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.5) results.scrollIntoView({ block: 'start' });
    results.focus({ preventScroll: true });
  }

  // Replace filters and results but keep the text box the visitor is typing
  // in, the filter groups the visitor opened, and the filter panel as it is.
  function swap(fresh, restoreQuery) {
    var filters = form.querySelector('.search__filters');
    var results = form.querySelector('#risultati');
    var active = document.activeElement && document.activeElement.id;
    var freshFilters = fresh.querySelector('.search__filters');
    if (filters && freshFilters) {
      filters.querySelectorAll('details[data-facet][open]').forEach(function (group) {
        var again = freshFilters.querySelector('details[data-facet="' + group.getAttribute('data-facet') + '"]');
        if (again) again.open = true;
      });
      filters.replaceWith(freshFilters);
    }
    var count = form.querySelector('[data-filters-count]');
    var freshCount = fresh.querySelector('[data-filters-count]');
    if (count && freshCount) count.textContent = freshCount.textContent;
    var freshResults = fresh.querySelector('#risultati');
    if (results && freshResults) results.replaceWith(freshResults);
    var q = form.querySelector('#q');
    var freshQ = fresh.querySelector('#q');
    if (q && freshQ && (restoreQuery || document.activeElement !== q)) q.value = freshQ.value;
    if (active && active !== 'q') {
      var again = document.getElementById(active);
      if (again) again.focus();
    }
  }

  form.addEventListener('change', function (event) {
    if (event.target.id === 'q') return;
    clearTimeout(timer);
    load(addressOf(form), 'submit', false);
  });
  form.addEventListener('input', function (event) {
    if (event.target.id !== 'q') return;
    clearTimeout(timer);
    // One letter matches too much to help: the results stay until the second.
    if (event.target.value.trim().length === 1) return;
    timer = setTimeout(function () { load(addressOf(form), 'type', false); }, DEBOUNCE_MS);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    load(addressOf(form), 'submit', true);
  });
  form.addEventListener('click', function (event) {
    var link = event.target.closest('a[href^="/cerca/"]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    clearTimeout(timer);
    load(link.getAttribute('href'), 'submit', true);
  });
  window.addEventListener('popstate', function () {
    var url = location.pathname + location.search;
    // Only the #fragment changed (the skip link, an anchor): the results on
    // screen are the right ones, and replacing them would take away the
    // element the visitor has just moved to.
    if (url === onScreen) return;
    clearTimeout(timer);
    load(url, 'restore', false);
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
