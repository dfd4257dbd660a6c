/* coursekit: load MathJax (served from _static/mathjax) when the first formula is about to
 * scroll into view, then typeset the page's formulas a few at a time, those on screen
 * first, so that no single task blocks the page for long.  When every formula is typeset,
 * <html> gets data-coursekit-math="typeset".
 *
 * data-mathjax: MathJax's startup component (relative to this file);
 * data-load: the components it loads (space-separated), e.g. "input/tex output/chtml
 * a11y/assistive-mml".  The page's own MathJax configuration (window.MathJax, written by
 * Sphinx before this script runs) is kept; only startup.typeset is turned off here.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-mathjax");
  if (!src) { return; }
  var url = new URL(src, me.src).href;
  var load = (me.getAttribute("data-load") || "").split(/\s+/).filter(Boolean);
  var BATCH = 8;

  var cfg = window.MathJax = window.MathJax || {};
  var classes = ((cfg.options && cfg.options.processHtmlClass) || "math").split("|")
    .map(function (c) { return c.trim(); })
    .filter(function (c) { return /^[A-Za-z_][\w-]*$/.test(c); });
  var selector = classes.map(function (c) { return "." + c; }).join(",");

  function roots() {
    return Array.prototype.filter.call(document.querySelectorAll(selector), function (el) {
      return !(el.parentElement && el.parentElement.closest(selector));
    });
  }

  function onScreen(el) {
    var r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight ? 1 : 0;
  }

  // A displayed formula wider than the column scrolls sideways in its own box; keyboard
  // users reach it with Tab (as the theme does for wide tables).
  var resized = null;
  function keyboardScroll() {
    Array.prototype.forEach.call(document.querySelectorAll('mjx-container[display="true"]'),
      function (el) {
        if (el.scrollWidth > el.clientWidth + 1) {
          if (!el.hasAttribute("tabindex")) {
            el.setAttribute("tabindex", "0");
            el.setAttribute("data-coursekit-scroll", "");
          }
        } else if (el.hasAttribute("data-coursekit-scroll")) {
          el.removeAttribute("tabindex");
          el.removeAttribute("data-coursekit-scroll");
        }
      });
  }

  function typesetAll() {
    var list = roots();
    var first = list.filter(onScreen);
    list = first.concat(list.filter(function (el) { return first.indexOf(el) < 0; }));
    var i = 0;
    function next() {
      if (i >= list.length) {
        keyboardScroll();
        window.addEventListener("resize", function () {
          clearTimeout(resized);
          resized = setTimeout(keyboardScroll, 200);
        });
        document.documentElement.setAttribute("data-coursekit-math", "typeset");
        return;
      }
      var batch = list.slice(i, i + BATCH);
      i += BATCH;
      window.MathJax.typesetPromise(batch).catch(function (err) {
        console.warn("MathJax could not typeset a formula:", err);
      }).then(function () { setTimeout(next, 0); });
    }
    next();
  }

  cfg.startup = Object.assign({}, cfg.startup, {
    typeset: false,
    ready: function () {
      window.MathJax.startup.defaultReady();
      window.MathJax.startup.promise.then(typesetAll);
    }
  });
  if (load.length) {
    cfg.loader = Object.assign({}, cfg.loader);
    cfg.loader.load = (cfg.loader.load || []).concat(load);
  }

  var started = false;
  function start() {
    if (started) { return; }
    started = true;
    var s = document.createElement("script");
    s.src = url;
    s.async = true;
    s.id = "MathJax-script";
    s.onerror = function () {  // no MathJax: show the TeX source as plain wrapped text
      document.documentElement.removeAttribute("data-coursekit-math");
    };
    document.head.appendChild(s);
  }

  function watch() {
    var formulas = roots();
    if (!formulas.length) { return; }
    window.addEventListener("beforeprint", start);
    if (!("IntersectionObserver" in window)) { start(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        observer.disconnect();
        start();
      }
    }, {rootMargin: "100% 0px 100% 0px"});
    formulas.forEach(function (el) { observer.observe(el); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
