// In-page helpers of the quality gate (tests/e2e/crawl.py). Evaluated through the
// DevTools protocol, so the page keeps its real Content-Security-Policy.
window.__gate = (() => {
  const q = (s) => Array.from(document.querySelectorAll(s));
  const abs = (u) => {
    try {
      return new URL(u, document.baseURI).href;
    } catch (e) {
      return null;
    }
  };
  const primary = (l) => (l || '').toLowerCase().split('-')[0];
  const FOCUSABLE = [
    'a[href]', 'area[href]', 'button', 'input:not([type=hidden])', 'select', 'textarea',
    'iframe', 'summary', '[tabindex]', '[contenteditable]:not([contenteditable=false])',
    'audio[controls]', 'video[controls]',
  ].join(', ');
  const TEXT_ATTRIBUTES = ['aria-label', 'placeholder', 'title', 'alt', 'aria-description'];
  const look = (e) => {
    const s = getComputedStyle(e);
    return {
      outlineStyle: s.outlineStyle,
      outlineWidth: s.outlineWidth,
      outlineColor: s.outlineColor,
      boxShadow: s.boxShadow,
    };
  };
  const describe = (e) => e.outerHTML.slice(0, 100);

  // Facts about the loaded page: language, headings, links, images, interface text.
  function domFacts(pageLang) {
    const refs = [];
    for (const attr of ['href', 'src']) {
      for (const el of q(`[${attr}]`)) {
        const raw = el.getAttribute(attr);
        refs.push({tag: el.tagName.toLowerCase(), raw, url: abs(raw)});
      }
    }
    for (const el of q('[srcset]')) {
      for (const part of el.getAttribute('srcset').split(',')) {
        const raw = part.trim().split(/\s+/)[0];
        if (raw) refs.push({tag: el.tagName.toLowerCase(), raw, url: abs(raw)});
      }
    }
    const missingFragments = q('a[href^="#"]')
      .map((a) => decodeURIComponent(a.getAttribute('href').slice(1)))
      .filter((id) => id && !document.getElementById(id));

    // Interface text in the page language: text nodes and text-bearing attributes,
    // leaving out anything inside an element with another lang or translate="no".
    const foreign = (el) => {
      const holder = el && el.closest('[lang]');
      if (holder && primary(holder.getAttribute('lang')) !== primary(pageLang)) return true;
      return !!(el && el.closest('[translate="no"]'));
    };
    const texts = [document.title];
    // Text in another language (fallback content, names in the switcher); the
    // <title> cannot carry a lang, so a title repeating such text is not flagged.
    const foreignTexts = q('body [lang]')
      .filter((el) => primary(el.getAttribute('lang')) !== primary(pageLang))
      .map((el) => el.textContent.trim())
      .filter((t) => t);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest('script, style, template, noscript') || foreign(parent)) {
        continue;
      }
      const t = n.nodeValue.trim();
      if (t) texts.push(t);
    }
    const withText = TEXT_ATTRIBUTES.map((a) => `[${a}]`)
      .concat(['input[type=submit][value]', 'input[type=button][value]', 'meta[name=description]']);
    for (const el of q(withText.join(', '))) {
      if (foreign(el)) continue;
      for (const a of TEXT_ATTRIBUTES) {
        if (el.hasAttribute(a)) texts.push(el.getAttribute(a));
      }
      if (el.tagName === 'INPUT' && el.value) texts.push(el.value);
      if (el.tagName === 'META') texts.push(el.getAttribute('content') || '');
    }

    const fold = window.innerHeight;
    const images = q('img').map((img) => ({
      src: (img.getAttribute('src') || '').slice(0, 120),
      alt: img.getAttribute('alt'),
      width: img.getAttribute('width'),
      height: img.getAttribute('height'),
      loading: img.getAttribute('loading'),
      aboveFold: img.getBoundingClientRect().top + window.scrollY < fold,
    }));
    const canonical = document.querySelector('link[rel=canonical]');
    return {
      lang: document.documentElement.getAttribute('lang'),
      dir: document.documentElement.getAttribute('dir'),
      title: document.title,
      h1: q('h1').map((h) => h.textContent.trim()),
      main: q('main').map((m) => ({id: m.id, tabindex: m.getAttribute('tabindex')})),
      alternates: q('link[rel~="alternate"][hreflang]').map((l) => ({
        hreflang: l.getAttribute('hreflang'),
        href: l.getAttribute('href'),
      })),
      canonical: canonical ? canonical.getAttribute('href') : null,
      refs,
      missingFragments,
      texts,
      foreignTexts,
      images,
      positiveTabindex: q('[tabindex]').filter((e) => e.tabIndex > 0).map(describe),
    };
  }

  // What this page load transferred (HTTP cache disabled by the crawler).
  function resources() {
    return performance.getEntriesByType('navigation')
      .concat(performance.getEntriesByType('resource'))
      .map((e) => ({
        url: e.name, type: e.initiatorType, transfer: e.transferSize, body: e.encodedBodySize,
      }));
  }

  // Before tabbing: remember every focusable element and its unfocused look, and log
  // every element that then receives focus, with its focused look.
  let kb = null;
  function keyboardPrepare() {
    if (kb) document.removeEventListener('focusin', kb.listener, true);
    const els = q(FOCUSABLE);
    const log = [];
    const listener = (event) => {
      const e = event.target;
      const i = els.indexOf(e);
      const r = e.getBoundingClientRect();
      log.push({
        index: i,
        desc: describe(e),
        isSkipLink: e.matches('a[href="#main"]'),
        focused: look(e),
        unfocused: i >= 0 ? kb.unfocused[i] : null,
        rect: [r.left, r.top, r.width, r.height],
        viewport: [window.innerWidth, window.innerHeight],
      });
    };
    kb = {els, log, listener, unfocused: els.map(look)};
    document.addEventListener('focusin', listener, true);
    const radios = new Set();
    const tabbable = els.filter((e) => {
      if (e.tabIndex < 0 || e.disabled || e.closest('[inert]')) return false;
      if (!e.checkVisibility({visibilityProperty: true})) return false;
      if (e.type === 'radio' && e.name) {
        if (radios.has(e.name)) return false;
        radios.add(e.name);
      }
      return true;
    });
    return {count: els.length, tabbable: tabbable.map(describe)};
  }

  // Everything focused since keyboardPrepare(), in order; stops listening.
  function keyboardLog() {
    document.removeEventListener('focusin', kb.listener, true);
    return kb.log;
  }

  // The document's width against the viewport, and the innermost elements that
  // reach past it (on either side: right-to-left pages overflow to the left).
  function overflow() {
    const root = document.documentElement;
    const width = root.clientWidth;
    const outside = q('body *').filter((e) => {
      const r = e.getBoundingClientRect();
      if (!r.width || getComputedStyle(e).position === 'fixed') return false;
      return r.right > width + 1 || r.left < -1;
    });
    const innermost = outside.filter((e) => !outside.some((o) => o !== e && e.contains(o)));
    return {
      scrollWidth: root.scrollWidth,
      viewport: width,
      culprits: innermost.slice(0, 5).map((e) => {
        const r = e.getBoundingClientRect();
        return `${describe(e)} [${Math.round(r.left)}..${Math.round(r.right)}]`;
      }),
    };
  }

  async function axeRun(tags) {
    const r = await axe.run(document, {
      runOnly: {type: 'tag', values: tags},
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({
        target: n.target.join(' '),
        summary: n.failureSummary,
      })),
      count: v.nodes.length,
    }));
  }

  return {domFacts, resources, keyboardPrepare, keyboardLog, overflow, axeRun};
})();
true;
