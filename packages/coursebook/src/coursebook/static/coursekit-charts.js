/* coursekit: draw the page's Altair charts when they are about to scroll into view.
 *
 * Each chart is a <div class="coursekit-chart"> that shows its description until it is
 * drawn; its Vega-Lite spec is in _static/coursekit-specs/<data-spec>.js (the build moves
 * it there) or follows the <div> as <script type="application/json" id="<id>-spec">.
 * The Vega / Vega-Lite / vega-embed bundle (data-bundle, next to this file in _static/) is
 * fetched only when the first chart comes within half a screen of the viewport; charts are
 * then drawn one per task, so that no long task blocks the page.  Without
 * IntersectionObserver every chart is drawn at once; before printing, all of them.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  var bundle = me && me.getAttribute("data-bundle");
  var bundleUrl = bundle ? new URL(bundle, me.src).href : null;
  var loading = null;
  var queue = Promise.resolve();

  function loadBundle() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.vegaEmbed) { resolve(); return; }
        if (!bundleUrl) { reject(new Error("no chart bundle given")); return; }
        var s = document.createElement("script");
        s.src = bundleUrl;
        s.async = true;
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error("could not load " + bundleUrl)); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  // A chart's spec: in _static/coursekit-specs/<hash>.js (data-spec), moved there from the
  // page by the build, or still in the page as <script type="application/json">.
  function loadSpec(el) {
    var digest = el.getAttribute("data-spec");
    var store = window.coursekitSpecs = window.coursekitSpecs || {};
    if (!digest) {
      return Promise.resolve().then(function () {
        return JSON.parse(document.getElementById(el.id + "-spec").textContent);
      });
    }
    if (store[digest]) { return Promise.resolve(store[digest]); }
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = new URL("coursekit-specs/" + digest + ".js", me.src).href;
      s.async = true;
      s.onload = function () {
        if (store[digest]) { resolve(store[digest]); } else { reject(new Error("no spec in " + s.src)); }
      };
      s.onerror = function () { reject(new Error("could not load " + s.src)); };
      document.head.appendChild(s);
    });
  }

  function nextTask() {
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }

  function describe(el) {
    return el.getAttribute("aria-label") || "chart";
  }

  function draw(el) {
    if (el.hasAttribute("data-ck-queued")) { return; }
    el.setAttribute("data-ck-queued", "");
    el.setAttribute("aria-busy", "true");
    var spec = loadSpec(el);
    spec.catch(function () {});  // reported when the chart's turn comes
    queue = queue.then(function () {
      return loadBundle().then(nextTask, function () {
        el.textContent = "Chart library not loaded: " + describe(el);
        throw null;
      }).then(function () {
        return spec;
      }).then(function (spec) {
        var target = document.createElement("div");
        // Leave the placeholder's layout first: a chart of width "container" takes the
        // width of the box it is drawn in.
        el.classList.add("coursekit-chart--drawn");
        el.appendChild(target);
        return window.vegaEmbed(target, spec, {renderer: "svg", actions: false});
      }).then(function () {
        el.style.minHeight = "";
      }).catch(function (err) {
        el.classList.remove("coursekit-chart--drawn");
        if (err !== null) { el.textContent = "Chart failed to render: " + err; }
      }).then(function () {
        el.removeAttribute("aria-busy");
      });
    });
    return queue;
  }

  function start() {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".coursekit-chart"));
    if (!charts.length) { return; }
    window.addEventListener("beforeprint", function () { charts.forEach(draw); });
    if (!("IntersectionObserver" in window)) { charts.forEach(draw); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, {rootMargin: "50% 0px 50% 0px"});
    charts.forEach(function (el) { observer.observe(el); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
