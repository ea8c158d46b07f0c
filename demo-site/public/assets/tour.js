// The product tour is a small single-page app: tab links swap panels in place and record
// the route with history.pushState, so /tour/<tab> deep links and Back/Forward both work.
(function () {
  'use strict';
  var TABS = ['overview', 'automations', 'analytics'];
  var panels = document.querySelectorAll('.tour-panel');
  var tabLinks = document.querySelectorAll('#tour-tabs a');
  if (!panels.length) return;

  /** The tab named by a path like /tour/analytics; unknown or bare /tour fall back to the first. */
  function tabFromPath(pathname) {
    var name = pathname.replace(/\/+$/, '').split('/')[2] || '';
    return TABS.indexOf(name) >= 0 ? name : TABS[0];
  }

  function render(tab, moveFocus) {
    var active = null;
    Array.prototype.forEach.call(panels, function (panel) {
      var on = panel.getAttribute('data-tab') === tab;
      panel.hidden = !on;
      if (on) active = panel;
    });
    Array.prototype.forEach.call(tabLinks, function (link) {
      if (link.getAttribute('data-tab') === tab) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
    if (active) {
      document.title = active.getAttribute('data-title') || document.title;
      var heading = active.querySelector('h2');
      if (moveFocus && heading) heading.focus();
    }
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-tab]');
    // Let the browser handle new-tab and modified clicks as ordinary links.
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var tab = link.getAttribute('data-tab');
    if (tab === tabFromPath(location.pathname) && location.pathname !== '/tour') return;
    // Title first: an analytics script that hooks pushState reads document.title for the new page.
    render(tab, true);
    history.pushState({ tab: tab }, '', '/tour/' + tab);
  });

  window.addEventListener('popstate', function () {
    render(tabFromPath(location.pathname), false);
  });

  render(tabFromPath(location.pathname), false);
})();
