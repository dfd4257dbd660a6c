/* coursekit: draw the page's Altair charts when they are about to scroll into view.
 *
 * Each chart is a <div class="coursekit-chart"> that shows its description until it is
 * drawn, followed by its Vega-Lite spec in <script type="application/json" id="<id>-spec">.
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
    queue = queue.then(function () {
      return loadBundle().then(nextTask, function () {
        el.textContent = "Chart library not loaded: " + describe(el);
        throw null;
      }).then(function () {
        var holder = document.getElementById(el.id + "-spec");
        var spec = JSON.parse(holder.textContent);
        var target = document.createElement("div");
        el.appendChild(target);
        return window.vegaEmbed(target, spec, {renderer: "svg", actions: false});
      }).then(function () {
        el.classList.add("coursekit-chart--drawn");
        el.style.minHeight = "";
      }).catch(function (err) {
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
