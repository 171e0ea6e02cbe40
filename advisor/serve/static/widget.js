/* Career advisor widget: one <script> tag, a chat bubble, cited answers. No dependencies, no build step.
 * Everything the server sends is rendered as text nodes (a tiny formatter makes bullets, bold and
 * citation buttons); nothing is ever assigned to innerHTML. Only one global: window.CareerAdvisorWidget.
 */
(function () {
  'use strict';
  if (window.CareerAdvisorWidget) { return; }
  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var base = (data.api || (script ? new URL(script.src, location.href).origin : location.origin)).replace(/\/+$/, '');
  var opts = {
    title: data.title || 'Career advisor',
    greeting: data.greeting || 'Hi! Ask me about becoming a machine learning engineer. Every answer cites its source.',
    starters: list(data.starters, ['How do I become a machine learning engineer?',
      'What does a senior machine learning engineer earn?', 'Do I need a degree?']),
    accent: /^#[0-9a-f]{3,8}$/i.test(data.accent || '') ? data.accent : '#4f46e5',
    left: data.position === 'bottom-left',
    open: data.open === 'true',
    target: data.target ? document.querySelector(data.target) : null
  };
  var KEY = 'career-advisor:' + base;
  /* The profile's fields (advisor.schema.PROFILE_FIELDS): kept in this tab's sessionStorage only. */
  var FIELDS = [['current', 'Current role or studies'], ['education', 'Education'], ['experience', 'Experience'],
    ['target', 'Target role'], ['country', 'Country'], ['constraints', 'Constraints (time, money)']];
  /* Why an answer got a thumbs down: advisor.schema.FEEDBACK_REASONS (codes, labels); a test keeps them equal. */
  var REASONS = [['wrong', 'Wrong'], ['out_of_date', 'Out of date'], ['not_relevant', 'Not relevant to me'],
    ['biased', 'Biased'], ['missing', 'Missing something']];
  var state = load();
  var busy = false;
  var blocked = '';
  var ui = {};

  function list(value, fallback) {
    if (!value) { return fallback; }
    try { var parsed = JSON.parse(value); if (Array.isArray(parsed)) { return parsed.map(String).slice(0, 4); } } catch (e) { /* not JSON */ }
    return value.split('|').map(function (s) { return s.trim(); }).filter(Boolean).slice(0, 4);
  }
  function load() {
    try {
      var s = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      if (s && Array.isArray(s.messages) && typeof s.session === 'string') {
        /* A page left mid-answer keeps the question; the unfinished reply is dropped. */
        s.messages = s.messages.filter(function (m) { return m.role === 'user' || m.content; });
        return s;
      }
    } catch (e) { /* storage unavailable or corrupt */ }
    return { messages: [], session: newId(), open: false };
  }
  function save() { try { sessionStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode */ } }
  function newId() {
    var a = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else if (k.slice(0, 2) === 'on') {
        node.addEventListener(k.slice(2), attrs[k]);
      } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }
  function safeUrl(u) { try { var p = new URL(u); return /^https?:$/.test(p.protocol) ? p.href : ''; } catch (e) { return ''; } }

  /* The safe formatter: **bold**, "- " bullets, _italic_ lines and [n] citation buttons, as DOM nodes. */
  function inline(text, cites, msgId) {
    var out = [];
    var re = /\*\*([^*]+)\*\*|\[(\d{1,3})\]/g;
    var last = 0;
    var m;
    while ((m = re.exec(text))) {
      if (m.index > last) { out.push(document.createTextNode(text.slice(last, m.index))); }
      if (m[1] !== undefined) { out.push(el('strong', { text: m[1] })); } else {
        var c = cites[m[2]];
        out.push(c ? citeButton(c, msgId) : document.createTextNode(m[0]));
      }
      last = re.lastIndex;
    }
    if (last < text.length) { out.push(document.createTextNode(text.slice(last))); }
    return out;
  }
  function formatted(text, citations, msgId) {
    var cites = {};
    (citations || []).forEach(function (c) { cites[c.n] = c; });
    var box = el('div', { 'class': 'body' });
    var ul = null;
    text.split('\n').forEach(function (line) {
      if (/^\s*- /.test(line)) {
        if (!ul) { ul = el('ul'); box.appendChild(ul); }
        ul.appendChild(el('li', {}, inline(line.replace(/^\s*- /, ''), cites, msgId)));
        return;
      }
      ul = null;
      if (!line.trim()) { return; }
      var meta = /^_(.*)_$/.exec(line.trim());
      box.appendChild(meta ? el('p', { 'class': 'meta' }, [el('em', { text: meta[1] })])
        : el('p', {}, inline(line, cites, msgId)));
    });
    return box;
  }
  function citeButton(c, msgId) {
    var id = 'src-' + msgId + '-' + c.n;
    return el('button', {
      type: 'button', 'class': 'cite', 'aria-expanded': 'false', 'aria-controls': id,
      'aria-label': 'Source ' + c.n + ': ' + c.title, text: '[' + c.n + ']',
      onclick: function (ev) { toggleSource(ev.currentTarget, c, id); }
    });
  }
  function toggleSource(button, c, id) {
    var msg = button.closest('.msg');
    var open = msg.querySelector('#' + id);
    if (open) { open.remove(); button.setAttribute('aria-expanded', 'false'); return; }
    var url = safeUrl(c.url || '');
    var text = (c.text || '').replace(/^#+\s*/gm, '');
    var card = el('div', { id: id, 'class': 'source', role: 'note', 'aria-label': 'Source ' + c.n }, [
      el('div', { 'class': 'src-title', text: '[' + c.n + '] ' + c.title }),
      el('div', { 'class': 'src-meta', text: (c.publisher && c.publisher !== 'unknown' ? c.publisher : 'publisher unknown') +
        (c.section ? ' · ' + c.section : '') }),
      el('p', { 'class': 'src-text', text: text.length > 700 ? text.slice(0, 700) + '…' : text }),
      url ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer nofollow', text: 'Read the original' })
        : el('span', { 'class': 'src-meta', text: 'No link to the original was given.' })
    ]);
    msg.appendChild(card);
    button.setAttribute('aria-expanded', 'true');
  }

  function render() {
    ui.log.textContent = '';
    if (blocked) {
      ui.log.appendChild(el('p', { 'class': 'blocked', role: 'alert', text: blocked }));
      ui.input.disabled = true; ui.send.disabled = true;
      ui.root.setAttribute('data-state', 'blocked');
      return;
    }
    ui.log.appendChild(el('div', { 'class': 'msg bot' }, [el('p', { text: opts.greeting })]));
    if (!state.messages.length) {
      ui.log.appendChild(el('div', { 'class': 'chips', role: 'group', 'aria-label': 'Starter questions' },
        opts.starters.map(function (q) { return el('button', { type: 'button', 'class': 'chip', text: q, onclick: function () { ask(q); } }); })));
    }
    state.messages.forEach(function (m, i) { ui.log.appendChild(messageNode(m, i)); });
    var last = state.messages[state.messages.length - 1];
    if (last && last.role === 'assistant' && last.follow_ups && last.follow_ups.length) {
      ui.log.appendChild(el('div', { 'class': 'chips', role: 'group', 'aria-label': 'Suggested follow-up questions' },
        last.follow_ups.map(function (q) { return el('button', { type: 'button', 'class': 'chip', text: q, onclick: function () { ask(q); } }); })));
    }
    ui.log.scrollTop = ui.log.scrollHeight;
  }
  function messageNode(m, i) {
    if (m.role === 'user') { return el('div', { 'class': 'msg user' }, [el('p', { text: m.content })]); }
    var node = el('div', { 'class': 'msg bot' + (m.error ? ' error' : '') }, [formatted(m.content, m.citations, i)]);
    /* Partial and declined answers say so above the text, as the UI and CLI do. */
    if (m.scope && m.scope !== 'answered' && m.scope_label) {
      node.insertBefore(el('p', { 'class': 'scope scope-' + m.scope, text: m.scope_label }), node.firstChild);
      node.setAttribute('data-scope', m.scope);
    }
    if (m.figures && m.figures.length) { node.appendChild(figuresNode(m.figures, m.citations, i)); }
    if (m.notice) { node.appendChild(el('p', { 'class': 'meta', text: m.notice })); }
    if (m.plan) {
      node.appendChild(el('button', { type: 'button', 'class': 'pbtn download', text: 'Download plan (Markdown)', onclick: function () { download(m.plan); } }));
    }
    if (!m.error && m.content && !(busy && i === state.messages.length - 1)) { node.appendChild(rating(m, i)); }
    return node;
  }
  /* Thumbs up sends at once; thumbs down first offers the reasons (or none), then sends. */
  function rating(m, i) {
    if (m.rated) { return el('p', { 'class': 'meta rated', text: 'Thanks for the feedback!' }); }
    function btn(cls, text, onclick, label) {
      return el('button', { type: 'button', 'class': cls, text: text, onclick: onclick, 'aria-label': label || text });
    }
    if (m.rated === false) {
      return el('div', { 'class': 'rate reasons', role: 'group', 'aria-label': 'What was wrong with the answer?' },
        REASONS.map(function (r) { return btn('chip reason', r[1], function () { rate(m, i, -1, r[0]); }); })
          .concat([btn('chip', 'No reason', function () { rate(m, i, -1, null); })]));
    }
    return el('div', { 'class': 'rate' }, [btn('thumb', '👍', function () { rate(m, i, 1, null); }, 'Helpful'),
      btn('thumb', '👎', function () { m.rated = false; save(); render(); }, 'Not helpful')]);
  }
  function rate(m, i, value, reason) {
    var body = { question: state.messages[i - 1].content, answer: m.content, rating: value,
      chunk_ids: (m.citations || []).map(function (c) { return c.chunk_id; }) };
    if (reason) { body.reason = reason; }
    m.rated = true; save(); render();
    fetch(base + '/api/feedback', { method: 'POST', credentials: 'omit', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-Session-Id': state.session } })
      .then(function (res) { if (!res.ok) { throw res; } })
      .catch(function () { delete m.rated; save(); render(); });  /* not stored: offer the thumbs again */
  }
  /* Figures the answer quotes, each with its source and date (the server's caption, as text) and its [n]. */
  function figuresNode(figures, citations, msgId) {
    var cites = {};
    (citations || []).forEach(function (c) { cites[c.n] = c; });
    return el('div', { 'class': 'figures', role: 'group', 'aria-label': 'Figures' }, [
      el('p', { 'class': 'fig-head', text: 'Figures' }),
      el('ul', {}, figures.map(function (f) {
        var c = cites[f.n];
        return el('li', { 'class': 'figure' + (f.stale ? ' stale' : '') }, [
          document.createTextNode(String(f.caption || f.label || '') + ' '),
          c ? citeButton(c, msgId) : document.createTextNode('[' + f.n + ']')]);
      }))
    ]);
  }

  function history() {
    return state.messages.filter(function (m) { return !m.error; }).slice(-10)
      .map(function (m) { return { role: m.role, content: m.content }; });
  }
  function ask(question) {
    question = (question || '').trim();
    if (!question || busy || blocked) { return; }
    busy = true; ui.send.disabled = true;
    var prior = history();
    state.messages.push({ role: 'user', content: question });
    var reply = { role: 'assistant', content: '', citations: [], follow_ups: [] };
    state.messages.push(reply);
    save();
    render();
    var live = ui.log.lastChild.querySelector('.body') || ui.log.lastChild;
    live.textContent = '…';
    fetch(base + '/api/chat', {
      method: 'POST', credentials: 'omit',
      headers: { 'Content-Type': 'application/json', 'X-Session-Id': state.session },
      body: JSON.stringify(withProfile({ message: question, history: prior, stream: true }))
    }).then(function (res) {
      if (!res.ok) { return res.json().catch(function () { return {}; }).then(function (j) { throw failure(res, j); }); }
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { return; }
          buffer += decoder.decode(chunk.value, { stream: true });
          var parts = buffer.split('\n\n');
          buffer = parts.pop();
          parts.forEach(function (block) { event(block, reply, live); });
          return pump();
        });
      }
      return pump();
    }).catch(function (err) {
      reply.content = err && err.userMessage ? err.userMessage : 'Sorry, the advisor could not be reached. Please try again.';
      reply.error = true;
      if (err && err.blocked) { blocked = reply.content; }
    }).then(function () {
      busy = false; ui.send.disabled = false;
      save(); render();
    });
  }
  function event(block, reply, live) {
    var name = (/^event: (.*)$/m.exec(block) || [])[1];
    var payload = (/^data: (.*)$/m.exec(block) || [])[1];
    if (!payload) { return; }
    var d = JSON.parse(payload);
    if (name === 'delta') {
      reply.content += d.text;
      live.textContent = reply.content;  /* plain text while streaming */
    } else if (name === 'final') {
      reply.content = d.answer; reply.citations = d.citations || []; reply.follow_ups = d.follow_ups || [];
      reply.notice = d.notice || ''; reply.scope = d.scope || 'answered'; reply.figures = d.figures || [];
      reply.scope_label = d.scope_label || '';
      if (d.plan) { reply.plan = d.plan.markdown; }
    } else if (name === 'error') {  /* the server failed after the answer began: say why */
      reply.content = d.message || 'Sorry, something went wrong.'; reply.error = true;
    }
  }
  function failure(res, body) {
    var e = new Error('http ' + res.status);
    var info = (body && body.error) || {};
    if (res.status === 403 && info.type === 'origin_not_allowed') {
      e.blocked = true; e.userMessage = 'This assistant is not allowed here: ' + info.message;
    } else if (res.status === 429) {
      e.userMessage = 'You are asking quickly! Please wait ' + (res.headers.get('Retry-After') || 'a few') + ' seconds.';
    } else { e.userMessage = info.message || 'Sorry, something went wrong.'; }
    return e;
  }

  function withProfile(body) {
    var p = state.profile || {};
    if (Object.keys(p).some(function (k) { return p[k]; })) { body.profile = p; }
    return body;
  }
  function toggleProfile() {
    var show = ui.profile.hidden;
    ui.profile.hidden = !show;
    ui.you.setAttribute('aria-expanded', String(show));
    if (show) { FIELDS.forEach(function (f) { ui.fields[f[0]].value = (state.profile || {})[f[0]] || ''; }); ui.fields.current.focus(); }
  }
  function saveProfile(ev) {
    if (ev) { ev.preventDefault(); }
    var p = {};
    FIELDS.forEach(function (f) { var v = ui.fields[f[0]].value.trim().slice(0, 300); if (v) { p[f[0]] = v; } });
    state.profile = p; save();
    ui.profileNote.textContent = Object.keys(p).length ? 'Saved in this tab only; sent with your questions.' : 'Nothing saved.';
  }
  function forget() {
    /* Forget everything said about the person: the profile and the conversation that may repeat it. */
    state = { messages: [], session: newId(), open: state.open, profile: {} };
    save(); render();
    FIELDS.forEach(function (f) { ui.fields[f[0]].value = ''; });
    ui.profileNote.textContent = 'Forgotten: your details and this conversation are cleared.';
  }
  function plan() {
    if (busy || blocked) { return; }
    saveProfile();
    busy = true;
    var reply = { role: 'assistant', content: '…', citations: [] };
    state.messages.push({ role: 'user', content: 'Make me a plan' }, reply);
    render();
    fetch(base + '/api/plan', {
      method: 'POST', credentials: 'omit',
      headers: { 'Content-Type': 'application/json', 'X-Session-Id': state.session },
      body: JSON.stringify(withProfile({ format: 'json' }))
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (j) { if (!res.ok) { throw failure(res, j); } return j; });
    }).then(function (j) {
      reply.content = j.text;
      reply.citations = j.citations || []; reply.plan = j.markdown;
    }).catch(function (err) {
      reply.content = (err && err.userMessage) || 'Sorry, the plan could not be made.'; reply.error = true;
    }).then(function () { busy = false; save(); render(); });
  }
  function download(md) {
    var a = el('a', { href: URL.createObjectURL(new Blob([md], { type: 'text/markdown' })), download: 'plan.md' });
    ui.root.appendChild(a); a.click(); a.remove();
  }

  function setOpen(open) {
    if (opts.target) { return; }
    state.open = open; save();
    ui.panel.hidden = !open;
    ui.launcher.setAttribute('aria-expanded', String(open));
    if (open) { setTimeout(function () { (ui.input.disabled ? ui.close : ui.input).focus(); }, 0); } else { ui.launcher.focus(); }
  }
  function reset() {
    state = { messages: [], session: newId(), open: state.open, profile: state.profile };
    save(); render(); ui.input.focus();
  }
  function trap(ev) {
    if (ev.key === 'Escape' && !opts.target) { ev.preventDefault(); setOpen(false); return; }
    if (ev.key !== 'Tab' || opts.target) { return; }
    var items = Array.prototype.filter.call(ui.panel.querySelectorAll('button, textarea, input, a[href]'),
      function (n) { return !n.disabled && n.offsetParent !== null; });
    if (!items.length) { return; }
    var first = items[0];
    var last = items[items.length - 1];
    var active = ui.root.activeElement;
    if (ev.shiftKey && active === first) { ev.preventDefault(); last.focus(); } else if (!ev.shiftKey && active === last) { ev.preventDefault(); first.focus(); }
  }

  function mount() {
    var host = el('div', { 'class': 'career-advisor-widget' });
    (opts.target || document.body).appendChild(host);
    host.style.setProperty('--ca-accent', opts.accent);
    ui.root = host.attachShadow({ mode: 'open' });
    ui.root.appendChild(el('link', { rel: 'stylesheet', href: base + '/widget.css' }));
    var inlineMode = !!opts.target;
    ui.input = el('textarea', { id: 'ca-q', rows: '1', maxlength: '2000', placeholder: 'Ask a career question…' });
    ui.input.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); submit(); } });
    ui.send = el('button', { type: 'submit', 'class': 'send', text: 'Send' });
    ui.log = el('div', { 'class': 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
    ui.close = el('button', { type: 'button', 'class': 'icon', 'aria-label': 'Close chat', text: '×', onclick: function () { setOpen(false); } });
    ui.you = el('button', { type: 'button', 'class': 'icon you', 'aria-label': 'About you (optional)', title: 'About you (optional)',
      'aria-expanded': 'false', 'aria-controls': 'ca-profile', text: '☺', onclick: toggleProfile });
    ui.fields = {};
    ui.profileNote = el('p', { 'class': 'meta', role: 'status' });
    ui.profile = el('form', { id: 'ca-profile', 'class': 'profile', hidden: '', 'aria-label': 'About you', onsubmit: saveProfile },
      [el('p', { 'class': 'meta', text: 'Optional. Kept in this browser tab only and sent with each question; never stored by the advisor.' })]
        .concat(FIELDS.map(function (f) {
          ui.fields[f[0]] = el('input', { id: 'ca-p-' + f[0], name: f[0], maxlength: '300', autocomplete: 'off' });
          return el('label', { 'for': 'ca-p-' + f[0] }, [el('span', { text: f[1] }), ui.fields[f[0]]]);
        })).concat([el('div', { 'class': 'row' }, [
          el('button', { type: 'submit', 'class': 'pbtn', text: 'Save' }),
          el('button', { type: 'button', 'class': 'pbtn plan', text: 'Make me a plan', onclick: plan }),
          el('button', { type: 'button', 'class': 'pbtn forget', text: 'Forget me', onclick: forget })]), ui.profileNote]));
    var form = el('form', { 'class': 'ask', onsubmit: function (ev) { ev.preventDefault(); submit(); } }, [
      el('label', { 'for': 'ca-q', 'class': 'sr', text: 'Your question' }), ui.input, ui.send]);
    ui.panel = el('div', { 'class': 'panel' + (inlineMode ? ' inline' : '') + (opts.left ? ' left' : ''),
      role: inlineMode ? 'region' : 'dialog', 'aria-modal': inlineMode ? 'false' : 'true', 'aria-label': opts.title }, [
      el('div', { 'class': 'head' }, [el('h2', { text: opts.title }), ui.you,
        el('button', { type: 'button', 'class': 'icon new', 'aria-label': 'New conversation', title: 'New conversation', text: '↺', onclick: reset }),
        inlineMode ? null : ui.close]),
      ui.profile, ui.log, form,
      el('div', { 'class': 'foot' }, [document.createTextNode('Powered by '),
        el('a', { href: base + '/', target: '_blank', rel: 'noopener', text: 'Career advisor' })])
    ]);
    ui.panel.addEventListener('keydown', trap);
    ui.root.appendChild(ui.panel);
    if (!inlineMode) {
      ui.launcher = el('button', { type: 'button', 'class': 'launcher' + (opts.left ? ' left' : ''), 'aria-label': 'Open ' + opts.title,
        'aria-expanded': 'false', onclick: function () { setOpen(ui.panel.hidden); } }, [bubbleIcon()]);
      ui.root.appendChild(ui.launcher);
      ui.panel.hidden = true;
    }
    render();
    if (!inlineMode && (opts.open || state.open)) { setOpen(true); }
    /* Ask once whether this site may use the advisor, so a refused site says so before anyone types. */
    fetch(base + '/api/health', { credentials: 'omit' }).then(function (res) {
      if (res.status === 403) { return res.json().then(function (j) { throw failure(res, j); }); }
    }).catch(function (err) { if (err && err.blocked) { blocked = err.userMessage; render(); } });
  }
  function bubbleIcon() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24'); svg.setAttribute('aria-hidden', 'true'); svg.setAttribute('focusable', 'false');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
    path.setAttribute('fill', 'currentColor');
    svg.appendChild(path);
    return svg;
  }
  function submit() { var q = ui.input.value; ui.input.value = ''; ask(q); }

  window.CareerAdvisorWidget = Object.freeze({
    version: '1',
    open: function () { setOpen(true); },
    close: function () { setOpen(false); },
    reset: function () { reset(); },
    forget: function () { forget(); }
  });
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', mount); } else { mount(); }
}());
