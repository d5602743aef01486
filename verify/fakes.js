// The host both a hook and its Action run in during verification: silent
// console, the hook platform's error classes, and recording fakes of the
// modules hooks use. Every fake sends its requests through __h2a.net, which
// records them and answers from the run's scenario: nothing here reaches a
// network. A fake asked for an API it does not model reports it through
// __h2a.unsupported, so that a run is never judged on a made-up answer.
(function (h2a) {
  'use strict';

  const noop = function () {};
  globalThis.console = { log: noop, info: noop, warn: noop, error: noop, debug: noop, trace: noop, dir: noop, time: noop, timeEnd: noop };

  // later delivers a response on the next turn of the virtual clock, as a
  // real network would, never synchronously.
  function later(fn) { setTimeout(fn, 1); }

  // strict wraps a fake so that reading a member it does not model is
  // reported instead of quietly giving undefined to both sides.
  const unmodelled = new Set(['then', 'toJSON', 'default', '__esModule', 'constructor', 'prototype', 'inspect', 'valueOf', 'toString', 'length', 'name', 'call', 'apply', 'bind']);
  function strict(label, target) {
    return new Proxy(target, {
      get(t, prop, receiver) {
        if (typeof prop === 'symbol' || prop in t || unmodelled.has(prop)) return Reflect.get(t, prop, receiver);
        h2a.unsupported(label + '.' + prop);
        return undefined;
      },
    });
  }

  class EventEmitter {
    constructor() { this._events = {}; }
    on(name, fn) { (this._events[name] = this._events[name] || []).push(fn); return this; }
    addListener(name, fn) { return this.on(name, fn); }
    once(name, fn) { const self = this; function once() { self.off(name, once); fn.apply(self, arguments); } return this.on(name, once); }
    off(name, fn) { this._events[name] = (this._events[name] || []).filter((f) => f !== fn); return this; }
    removeListener(name, fn) { return this.off(name, fn); }
    removeAllListeners(name) { if (name) delete this._events[name]; else this._events = {}; return this; }
    emit(name) {
      const args = Array.prototype.slice.call(arguments, 1);
      const fns = (this._events[name] || []).slice();
      if (name === 'error' && fns.length === 0) throw args[0];
      fns.forEach((fn) => fn.apply(this, args));
      return fns.length > 0;
    }
    listenerCount(name) { return (this._events[name] || []).length; }
  }

  // The errors the hook platform offered as globals.
  function hookError(name, status) {
    const C = class extends Error {
      constructor(message, userMessage) {
        super(message);
        this.name = name;
        if (userMessage !== undefined) this.userMessage = userMessage;
        if (status) this.statusCode = status;
      }
    };
    Object.defineProperty(C, 'name', { value: name });
    return C;
  }
  h2a.hookGlobals = {
    PreUserRegistrationError: hookError('PreUserRegistrationError'),
    InvalidScopeError: hookError('InvalidScopeError', 400),
    InvalidRequestError: hookError('InvalidRequestError', 400),
    ServerError: hookError('ServerError', 500),
    ValidationError: hookError('ValidationError', 400),
  };

  // ---- shared request helpers ----

  function lower(headers) {
    const out = {};
    if (!headers) return out;
    if (typeof headers.forEach === 'function' && !Array.isArray(headers)) {
      headers.forEach((v, k) => { out[String(k).toLowerCase()] = String(v); });
      return out;
    }
    Object.keys(headers).forEach((k) => { if (headers[k] !== undefined) out[k.toLowerCase()] = String(headers[k]); });
    return out;
  }

  function query(params) {
    if (params === undefined || params === null) return '';
    if (typeof params === 'string') return params.replace(/^\?/, '');
    if (typeof URLSearchParams !== 'undefined' && params instanceof URLSearchParams) return params.toString();
    const parts = [];
    Object.keys(params).forEach((k) => {
      const v = params[k];
      if (v === undefined) return;
      (Array.isArray(v) ? v : [v]).forEach((x) => parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(x === null ? '' : x)));
    });
    return parts.join('&');
  }

  function withQuery(url, params) {
    const q = query(params);
    if (!q) return String(url);
    return String(url) + (String(url).indexOf('?') >= 0 ? '&' : '?') + q;
  }

  function joinURL(base, url) {
    url = url === undefined || url === null ? '' : String(url);
    if (!base || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
    return String(base).replace(/\/+$/, '') + (url ? '/' + url.replace(/^\/+/, '') : '');
  }

  function bodyText(body) {
    if (body === undefined || body === null) return undefined;
    if (typeof body === 'string') return body;
    if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) return body.toString();
    if (typeof Buffer !== 'undefined' && Buffer.isBuffer(body)) return body.toString('utf8');
    return JSON.stringify(body);
  }

  function basic(user, pass) { return 'Basic ' + Buffer.from(String(user) + ':' + String(pass === undefined ? '' : pass)).toString('base64'); }

  // send records one request and returns the scenario's answer, or throws
  // the scenario's network error (an Error with a code, like Node's).
  function send(method, url, headers, body) {
    let res;
    try {
      res = JSON.parse(h2a.net(JSON.stringify({ method: String(method || 'GET').toUpperCase(), url: String(url), headers: lower(headers), body: bodyText(body) })));
    } catch (e) {
      // A fake that cannot read what it was given must not pass for a
      // network failure that both sides handled alike.
      h2a.unsupported('a request the fakes could not read (' + e + ')');
      throw e;
    }
    if (res.error) {
      const err = new Error(res.error);
      err.code = res.code;
      err.errno = res.code;
      err.syscall = 'connect';
      throw err;
    }
    return res;
  }

  function parseJSON(text) {
    try { return JSON.parse(text); } catch (e) { return text; }
  }

  function ok(status) { return status >= 200 && status < 300; }

  // ---- axios ----
  function makeAxios(defaults) {
    const interceptors = { request: [], response: [] };
    function request(config) {
      config = Object.assign({}, defaults, config, { headers: Object.assign({}, defaults.headers, config && config.headers) });
      return interceptors.request.reduce((p, i) => p.then(i.fulfilled, i.rejected), Promise.resolve(config)).then((config) => new Promise((resolve, reject) => {
        const headers = Object.assign({}, config.headers);
        if (config.auth) headers.authorization = basic(config.auth.username, config.auth.password);
        let data = config.data;
        if (data !== undefined && typeof data !== 'string' && !(data instanceof URLSearchParams) && !headers['content-type'] && !headers['Content-Type']) headers['content-type'] = 'application/json';
        const url = withQuery(joinURL(config.baseURL, config.url), config.params);
        let res;
        try {
          res = send(config.method || 'get', url, headers, data);
        } catch (e) {
          const err = new Error(e.message);
          err.code = e.code; err.isAxiosError = true; err.config = config; err.request = {};
          return later(() => reject(err));
        }
        later(() => {
          const response = { status: res.status, statusText: res.statusText, headers: res.headers, config, request: {}, data: config.responseType === 'text' ? res.body : parseJSON(res.body) };
          const valid = config.validateStatus === null ? true : (config.validateStatus || ok)(res.status);
          if (valid) return resolve(response);
          const err = new Error('Request failed with status code ' + res.status);
          err.code = res.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST';
          err.isAxiosError = true; err.config = config; err.response = response; err.request = {};
          reject(err);
        });
      })).then((r) => interceptors.response.reduce((p, i) => p.then(i.fulfilled, i.rejected), Promise.resolve(r)),
        (e) => interceptors.response.reduce((p, i) => p.then(i.fulfilled, i.rejected), Promise.reject(e)));
    }
    const axios = function (a, b) { return typeof a === 'string' ? request(Object.assign({}, b, { url: a })) : request(a || {}); };
    axios.request = request;
    ['get', 'delete', 'head', 'options'].forEach((m) => { axios[m] = (url, config) => request(Object.assign({}, config, { url, method: m })); });
    ['post', 'put', 'patch'].forEach((m) => { axios[m] = (url, data, config) => request(Object.assign({}, config, { url, data, method: m })); });
    axios.create = (d) => makeAxios(Object.assign({}, defaults, d, { headers: Object.assign({}, defaults.headers, d && d.headers) }));
    axios.defaults = defaults;
    const use = (list) => ({ use(fulfilled, rejected) { list.push({ fulfilled, rejected }); return list.length - 1; }, eject(i) { list[i] = { }; } });
    axios.interceptors = { request: use(interceptors.request), response: use(interceptors.response) };
    axios.isAxiosError = (e) => !!(e && e.isAxiosError);
    axios.all = (ps) => Promise.all(ps);
    axios.spread = (fn) => (arr) => fn.apply(null, arr);
    axios.default = axios;
    return strict('axios', axios);
  }

  // ---- fetch / node-fetch ----
  function makeResponse(res, url) {
    let used = false;
    const body = () => { if (used) return Promise.reject(new TypeError('body used already for: ' + url)); used = true; return Promise.resolve(res.body); };
    return strict('fetch Response', {
      ok: ok(res.status), status: res.status, statusText: res.statusText, url: String(url), redirected: false,
      headers: strict('fetch Headers', { get: (n) => (res.headers[String(n).toLowerCase()] === undefined ? null : res.headers[String(n).toLowerCase()]), has: (n) => String(n).toLowerCase() in res.headers, forEach: (fn) => Object.keys(res.headers).forEach((k) => fn(res.headers[k], k)) }),
      text: body,
      json: () => body().then((t) => JSON.parse(t)),
      clone: () => makeResponse(res, url),
    });
  }
  function fetch(url, init) {
    init = init || {};
    return new Promise((resolve, reject) => {
      let res;
      try {
        res = send(init.method || 'GET', url && url.href ? url.href : url, init.headers, init.body);
      } catch (e) {
        const err = new TypeError('request to ' + url + ' failed, reason: ' + e.message);
        err.code = e.code; err.errno = e.code; err.type = 'system';
        return later(() => reject(err));
      }
      later(() => resolve(makeResponse(res, url)));
    });
  }
  globalThis.fetch = fetch;
  function nodeFetch() {
    const f = function (url, init) { return fetch(url, init); };
    f.default = f;
    f.Headers = globalThis.Headers;
    return strict('node-fetch', f);
  }
  globalThis.Headers = class Headers {
    constructor(init) { this._h = lower(init); }
    get(n) { const v = this._h[String(n).toLowerCase()]; return v === undefined ? null : v; }
    set(n, v) { this._h[String(n).toLowerCase()] = String(v); }
    append(n, v) { this.set(n, v); }
    has(n) { return String(n).toLowerCase() in this._h; }
    delete(n) { delete this._h[String(n).toLowerCase()]; }
    forEach(fn) { Object.keys(this._h).forEach((k) => fn(this._h[k], k)); }
  };

  // ---- request / request-promise ----
  function requestOptions(a, b, defaults) {
    let opts;
    if (typeof a === 'string') opts = Object.assign({}, typeof b === 'object' && b ? b : {}, { uri: a });
    else opts = Object.assign({}, a);
    return Object.assign({}, defaults, opts, { headers: Object.assign({}, defaults.headers, opts.headers) });
  }
  function requestSend(opts) {
    const headers = Object.assign({}, opts.headers);
    let body = opts.body;
    if (opts.json && typeof opts.json === 'object') body = opts.json;
    if (opts.form) { body = typeof opts.form === 'string' ? opts.form : query(opts.form); headers['content-type'] = 'application/x-www-form-urlencoded'; }
    if (body !== undefined && typeof body !== 'string' && opts.json) headers['content-type'] = 'application/json';
    const a = opts.auth;
    if (a) headers.authorization = a.bearer ? 'Bearer ' + a.bearer : basic(a.user || a.username, a.pass || a.password);
    const url = withQuery(joinURL(opts.baseUrl, opts.uri || opts.url), opts.qs);
    return send(opts.method || 'GET', url, headers, body);
  }
  function requestResponse(res, opts) {
    const body = opts.json ? parseJSON(res.body) : res.body;
    return { statusCode: res.status, statusMessage: res.statusText, headers: res.headers, body };
  }
  function makeRequest(defaults) {
    const request = function (a, b, c) {
      const opts = requestOptions(a, b, defaults);
      const cb = typeof b === 'function' ? b : c;
      const emitter = new EventEmitter();
      let res, failure;
      try { res = requestSend(opts); } catch (e) { failure = e; }
      later(() => {
        if (failure) { if (cb) cb(failure); else if (emitter.listenerCount('error')) emitter.emit('error', failure); return; }
        const response = requestResponse(res, opts);
        emitter.emit('response', response);
        if (cb) cb(null, response, response.body);
      });
      return emitter;
    };
    ['get', 'post', 'put', 'patch', 'head', 'delete'].forEach((m) => { request[m] = (a, b, c) => request(Object.assign(requestOptions(a, typeof b === 'object' ? b : undefined, {}), { method: m.toUpperCase() }), typeof b === 'function' ? b : c); });
    request.del = request.delete;
    request.defaults = (d) => makeRequest(Object.assign({}, defaults, d));
    return strict('request', request);
  }
  function makeRequestPromise(defaults) {
    const rp = function (a, b) {
      const opts = requestOptions(a, b, defaults);
      return new Promise((resolve, reject) => {
        let res;
        try { res = requestSend(opts); } catch (e) { const err = new Error('RequestError: ' + e.message); err.name = 'RequestError'; err.cause = e; return later(() => reject(err)); }
        later(() => {
          const response = requestResponse(res, opts);
          if (opts.simple !== false && !ok(res.status)) {
            const err = new Error(res.status + ' - ' + res.body);
            err.name = 'StatusCodeError'; err.statusCode = res.status; err.error = response.body; err.response = response;
            return reject(err);
          }
          resolve(opts.resolveWithFullResponse ? response : response.body);
        });
      });
    };
    ['get', 'post', 'put', 'patch', 'head', 'delete'].forEach((m) => { rp[m] = (a, b) => rp(Object.assign(requestOptions(a, b, {}), { method: m.toUpperCase() })); });
    rp.del = rp.delete;
    rp.defaults = (d) => makeRequestPromise(Object.assign({}, defaults, d));
    return strict('request-promise', rp);
  }

  // ---- got ----
  function makeGot(defaults) {
    const got = function (a, b) {
      const opts = Object.assign({}, defaults, typeof a === 'string' || (a && a.href) ? Object.assign({}, b, { url: String(a.href || a) }) : a);
      const headers = Object.assign({}, defaults.headers, opts.headers);
      let body = opts.body;
      if (opts.json !== undefined) { body = opts.json; headers['content-type'] = 'application/json'; }
      if (opts.form) { body = query(opts.form); headers['content-type'] = 'application/x-www-form-urlencoded'; }
      if (opts.username !== undefined) headers.authorization = basic(opts.username, opts.password);
      const url = withQuery(joinURL(opts.prefixUrl, opts.url), opts.searchParams);
      const p = new Promise((resolve, reject) => {
        let res;
        try { res = send(opts.method || 'GET', url, headers, body); } catch (e) { const err = new Error(e.message); err.name = 'RequestError'; err.code = e.code; return later(() => reject(err)); }
        later(() => {
          const response = { statusCode: res.status, statusMessage: res.statusText, headers: res.headers, url, body: opts.responseType === 'json' ? parseJSON(res.body) : res.body };
          if (opts.throwHttpErrors !== false && !ok(res.status)) {
            const err = new Error('Response code ' + res.status + ' (' + res.statusText + ')');
            err.name = 'HTTPError'; err.code = 'ERR_NON_2XX_3XX_RESPONSE'; err.response = response;
            return reject(err);
          }
          resolve(response);
        });
      });
      p.json = () => p.then((r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body));
      p.text = () => p.then((r) => (typeof r.body === 'string' ? r.body : JSON.stringify(r.body)));
      return p;
    };
    ['get', 'post', 'put', 'patch', 'head', 'delete'].forEach((m) => { got[m] = (a, b) => got(a, Object.assign({}, b, { method: m.toUpperCase() })); });
    got.extend = (d) => makeGot(Object.assign({}, defaults, d, { headers: Object.assign({}, defaults.headers, d && d.headers) }));
    got.default = got;
    return strict('got', got);
  }

  // ---- superagent ----
  function superagent() {
    function start(method, url) {
      const headers = {};
      let q = [], body;
      const req = {
        set(k, v) { if (typeof k === 'object') Object.assign(headers, k); else headers[k] = v; return req; },
        query(o) { q.push(query(o)); return req; },
        send(d) { body = typeof d === 'object' && typeof body === 'object' ? Object.assign({}, body, d) : d; return req; },
        type(t) { headers['content-type'] = t === 'json' ? 'application/json' : t === 'form' ? 'application/x-www-form-urlencoded' : t; return req; },
        accept(t) { headers.accept = t; return req; },
        auth(u, p, o) { headers.authorization = o && o.type === 'bearer' ? 'Bearer ' + u : basic(u, p); return req; },
        timeout() { return req; },
        retry() { return req; },
        ok(fn) { req._ok = fn; return req; },
        end(cb) { run().then((r) => cb(null, r), (e) => cb(e, e.response)); },
        then(a, b) { return run().then(a, b); },
        catch(b) { return run().catch(b); },
      };
      let promise;
      function run() {
        if (promise) return promise;
        promise = new Promise((resolve, reject) => {
          const full = q.filter(Boolean).length ? String(url) + (String(url).indexOf('?') >= 0 ? '&' : '?') + q.filter(Boolean).join('&') : String(url);
          let text = body;
          if (headers['content-type'] === 'application/x-www-form-urlencoded' && typeof body === 'object') text = query(body);
          let res;
          try { res = send(method, full, headers, text); } catch (e) { const err = new Error(e.message); err.code = e.code; return later(() => reject(err)); }
          later(() => {
            const response = { status: res.status, statusCode: res.status, ok: ok(res.status), headers: res.headers, text: res.body, body: parseJSON(res.body) };
            if (typeof response.body !== 'object') response.body = {};
            const good = req._ok ? req._ok(response) : ok(res.status);
            if (good) return resolve(response);
            const err = new Error(res.statusText);
            err.status = res.status; err.response = response;
            reject(err);
          });
        });
        return promise;
      }
      // Like the real one, a request is sent once it is awaited or ended.
      return strict('superagent request', req);
    }
    const sa = function (method, url) { return url === undefined ? start('GET', method) : start(method, url); };
    ['get', 'post', 'put', 'patch', 'head', 'delete'].forEach((m) => { sa[m] = (url) => start(m.toUpperCase(), url); });
    sa.del = sa.delete;
    sa.default = sa;
    return strict('superagent', sa);
  }

  // ---- http / https ----
  function makeHTTP(protocol) {
    function target(a, b) {
      let opts = {};
      if (typeof a === 'string' || (a && a.href)) {
        const u = new URL(String(a.href || a));
        opts = { protocol: u.protocol, hostname: u.hostname, port: u.port, path: u.pathname + u.search };
        if (b && typeof b === 'object') opts = Object.assign(opts, b);
      } else opts = Object.assign({}, a);
      const host = opts.hostname || opts.host || 'localhost';
      const port = opts.port ? ':' + opts.port : '';
      return { opts, url: (opts.protocol || protocol) + '//' + host + port + (opts.path || '/') };
    }
    function request(a, b, c) {
      const t = target(a, typeof b === 'object' ? b : undefined);
      const cb = typeof b === 'function' ? b : c;
      const req = new EventEmitter();
      const chunks = [];
      const headers = Object.assign({}, t.opts.headers);
      if (t.opts.auth) headers.authorization = 'Basic ' + Buffer.from(t.opts.auth).toString('base64');
      if (cb) req.on('response', cb);
      req.setHeader = (k, v) => { headers[k] = v; };
      req.getHeader = (k) => headers[k];
      req.setTimeout = () => req;
      req.write = (chunk) => { chunks.push(String(chunk)); return true; };
      req.abort = req.destroy = () => req;
      req.end = (chunk) => {
        if (chunk !== undefined && typeof chunk !== 'function') chunks.push(String(chunk));
        let res;
        try { res = send(t.opts.method || 'GET', t.url, headers, chunks.length ? chunks.join('') : undefined); } catch (e) { later(() => req.emit('error', e)); return req; }
        later(() => {
          const msg = new EventEmitter();
          let encoding = null;
          msg.statusCode = res.status; msg.statusMessage = res.statusText; msg.headers = res.headers;
          msg.setEncoding = (e) => { encoding = e || 'utf8'; return msg; };
          msg.resume = () => msg;
          req.emit('response', msg);
          // Chunks are Buffers, as in Node, unless an encoding was set.
          later(() => { if (res.body) msg.emit('data', encoding ? res.body : Buffer.from(res.body)); msg.emit('end'); });
        });
        return req;
      };
      return req;
    }
    const mod = { request, get: (a, b, c) => { const r = request(a, b, c); r.end(); return r; }, Agent: class Agent { constructor() {} }, STATUS_CODES: { 200: 'OK', 404: 'Not Found' } };
    mod.globalAgent = new mod.Agent();
    return strict(protocol.replace(':', ''), mod);
  }

  // ---- twilio ----
  function twilio() {
    const make = function (sid, token) {
      function resource(path) {
        return strict('twilio ' + path, {
          create(params) {
            return new Promise((resolve, reject) => {
              let res;
              try { res = send('POST', 'https://api.twilio.com/2010-04-01/Accounts/' + sid + '/' + path + '.json', { authorization: basic(sid, token) }, params); } catch (e) { return later(() => reject(e)); }
              later(() => {
                const data = parseJSON(res.body);
                if (!ok(res.status)) {
                  const err = new Error((data && data.message) || res.statusText);
                  err.status = res.status; err.code = res.status === 404 ? 20404 : 20001; err.moreInfo = 'https://www.twilio.com/docs/errors/' + err.code;
                  return reject(err);
                }
                resolve(Object.assign({ sid: 'SM' + '0'.repeat(32), status: 'queued' }, params, typeof data === 'object' ? data : {}));
              });
            });
          },
        });
      }
      return strict('twilio client', { messages: resource('Messages'), calls: resource('Calls') });
    };
    make.Twilio = make;
    return strict('twilio', make);
  }

  // ---- slack-notify ----
  // Modelled on slack-notify 0.1.x, the module of the Auth0 docs'
  // post-user-registration sample: a factory taking the webhook URL; send
  // posts the message (a string is its text) and returns nothing; the
  // presets fill channel, icon and username; fields become one attachment;
  // a failure goes to onError, never to the caller.
  function slackNotify() {
    return function (webhookURL) {
      const pkg = {};
      pkg.onError = noop;
      pkg.send = function (options) {
        if (typeof options === 'string') options = { text: options };
        const data = Object.assign({}, options);
        if (options.fields) {
          data.attachments = [{ fallback: 'Alert details', fields: Object.keys(options.fields).map((title) => ({ title, value: options.fields[title], short: String(options.fields[title]).length < 25 })) }];
          delete data.fields;
        }
        let res;
        try { res = send('POST', webhookURL, { 'content-type': 'application/json' }, data); } catch (e) { return later(() => pkg.onError(e)); }
        if (!ok(res.status)) later(() => pkg.onError(new Error(res.statusText)));
      };
      pkg.extend = function (defaults) {
        return function (options) {
          if (typeof options === 'string') options = { text: options };
          pkg.send(Object.assign({}, defaults, options));
        };
      };
      pkg.bug = pkg.extend({ channel: '#bugs', icon_emoji: ':bomb:', username: 'Bug' });
      pkg.alert = pkg.extend({ channel: '#alerts', icon_emoji: ':warning:', username: 'Alert' });
      pkg.note = pkg.extend({ channel: '#alerts', icon_emoji: ':bulb:', username: 'Note' });
      pkg.success = pkg.extend({ channel: '#alerts', icon_emoji: ':trophy:', username: 'Hurray' });
      return strict('slack-notify', pkg);
    };
  }

  // ---- @sendgrid/mail ----
  function sendgrid() {
    let key;
    const mail = {
      setApiKey(k) { key = k; },
      setSubstitutionWrappers() {},
      send(msg, multiple, cb) {
        if (typeof multiple === 'function') cb = multiple;
        const p = new Promise((resolve, reject) => {
          let res;
          try { res = send('POST', 'https://api.sendgrid.com/v3/mail/send', { authorization: 'Bearer ' + key }, msg); } catch (e) { return later(() => reject(e)); }
          later(() => {
            const response = { statusCode: ok(res.status) ? 202 : res.status, body: parseJSON(res.body), headers: res.headers };
            if (ok(res.status)) return resolve([response, {}]);
            const err = new Error(res.statusText);
            err.code = res.status; err.response = response;
            reject(err);
          });
        });
        if (cb) p.then((r) => cb(null, r), (e) => cb(e));
        return p;
      },
    };
    mail.sendMultiple = (m, cb) => mail.send(m, true, cb);
    mail.default = mail;
    return strict('@sendgrid/mail', mail);
  }

  // ---- SDK clients answered generically: aws-sdk v2 and v3, auth0 ----
  // callResult settles a call both ways the SDKs offer: a trailing Node
  // callback, and a promise.
  function callResult(method, url, headers, body, cb) {
    const p = new Promise((resolve, reject) => {
      let res;
      try { res = send(method, url, headers, body); } catch (e) { return later(() => reject(e)); }
      later(() => {
        const data = parseJSON(res.body);
        if (ok(res.status)) return resolve(data);
        const err = new Error(res.statusText);
        err.statusCode = res.status; err.code = res.status === 404 ? 'NotFound' : 'Error';
        reject(err);
      });
    });
    if (cb) p.then((d) => cb(null, d), (e) => cb(e));
    return p;
  }

  function awsCredentials(cfg) {
    const c = Object.assign({}, cfg && cfg.credentials, cfg);
    return 'AWS4-HMAC-SHA256 Credential=' + (c.accessKeyId || '') + ' Secret=' + (c.secretAccessKey || '') + ' Session=' + (c.sessionToken || '');
  }

  function awsV2() {
    const AWS = { config: { region: 'us-east-1', update(c) { Object.assign(AWS.config, c); } } };
    AWS.Credentials = function (a, b, c) { if (typeof a === 'object') Object.assign(this, a); else Object.assign(this, { accessKeyId: a, secretAccessKey: b, sessionToken: c }); };
    function service(name) {
      const ctor = function (cfg) {
        const conf = Object.assign({}, AWS.config, cfg);
        return new Proxy({}, {
          get(t, op) {
            if (typeof op === 'symbol' || op === 'then' || op === 'toJSON') return undefined;
            return function (params, cb) {
              const p = callResult('POST', 'https://' + name.toLowerCase() + '.' + conf.region + '.amazonaws.com/', { authorization: awsCredentials(conf) }, { Action: op, Params: params });
              if (typeof cb === 'function') { p.then((d) => cb(null, d), (e) => cb(e)); }
              return { promise: () => p, send: (f) => p.then((d) => f(null, d), (e) => f(e)) };
            };
          },
        });
      };
      if (name === 'DynamoDB') ctor.DocumentClient = service('DynamoDB.DocumentClient');
      return ctor;
    }
    return new Proxy(AWS, {
      get(t, prop) {
        if (typeof prop === 'symbol' || prop in t) return t[prop];
        if (/^[A-Z]/.test(prop)) return (t[prop] = service(prop));
        h2a.unsupported('aws-sdk.' + prop);
        return undefined;
      },
    });
  }

  function awsV3(moduleName) {
    const service = moduleName.replace('@aws-sdk/client-', '');
    return new Proxy({}, {
      get(t, name) {
        if (typeof name === 'symbol' || name === 'then' || name === '__esModule') return undefined;
        if (name in t) return t[name];
        if (/Client$/.test(name)) {
          return (t[name] = class {
            constructor(cfg) { this.config = Object.assign({ region: 'us-east-1' }, cfg); }
            send(command, cb) {
              return callResult('POST', 'https://' + service + '.' + this.config.region + '.amazonaws.com/', { authorization: awsCredentials(this.config) }, { Action: command.name, Params: command.input }, cb);
            }
            destroy() {}
          });
        }
        if (/Command$/.test(name)) {
          return (t[name] = class { constructor(input) { this.input = input; this.name = name.replace(/Command$/, ''); } });
        }
        h2a.unsupported(moduleName + '.' + name);
        return undefined;
      },
    });
  }

  // auth0 (node-auth0): every method of every manager is one call to the
  // Management or Authentication API, named by its path.
  function auth0Client(kind, cfg) {
    cfg = cfg || {};
    const auth = { authorization: 'Bearer ' + (cfg.token || '') + ' client=' + (cfg.clientId || '') + ':' + (cfg.clientSecret || '') };
    const base = 'https://' + cfg.domain + (kind === 'ManagementClient' ? '/api/v2/' : '/');
    function at(path) {
      return new Proxy(function () {}, {
        get(t, prop) {
          if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
          return at(path.concat([prop]));
        },
        apply(t, self, args) {
          const cb = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
          return callResult('POST', base + path.join('/'), auth, args, cb).then((d) => (d && typeof d === 'object' ? Object.assign({ data: d }, d) : d));
        },
      });
    }
    return at([]);
  }
  function auth0() {
    const mod = {};
    ['ManagementClient', 'AuthenticationClient'].forEach((k) => { mod[k] = function (cfg) { return auth0Client(k, cfg); }; });
    return strict('auth0', mod);
  }

  // ---- jsonwebtoken ----
  // A fake token shows what was signed and with which key, so that a call
  // carrying it is seen to carry the key's secret.
  function jwt() {
    const prefix = 'fake-jwt.';
    class JsonWebTokenError extends Error { constructor(m) { super(m); this.name = 'JsonWebTokenError'; } }
    function parse(token) {
      token = String(token);
      if (token.indexOf(prefix) !== 0) return null;
      try { return JSON.parse(token.slice(prefix.length)); } catch (e) { return null; }
    }
    const mod = {
      JsonWebTokenError,
      TokenExpiredError: class TokenExpiredError extends JsonWebTokenError {},
      sign(payload, key, opts, cb) {
        if (typeof opts === 'function') { cb = opts; opts = {}; }
        const claims = typeof payload === 'object' ? Object.assign({ iat: Math.floor(Date.now() / 1000) }, payload) : payload;
        const token = prefix + JSON.stringify({ claims, options: opts || {}, key: String(key) });
        if (cb) { later(() => cb(null, token)); return undefined; }
        return token;
      },
      verify(token, key, opts, cb) {
        if (typeof opts === 'function') { cb = opts; opts = {}; }
        const t = parse(token);
        let err = null;
        if (!t) err = new JsonWebTokenError('jwt malformed');
        else if (t.key !== String(key)) err = new JsonWebTokenError('invalid signature');
        if (cb) { later(() => cb(err, err ? undefined : t.claims)); return undefined; }
        if (err) throw err;
        return t.claims;
      },
      decode(token) { const t = parse(token); return t ? t.claims : null; },
    };
    return strict('jsonwebtoken', mod);
  }

  // ---- lodash: the common functions; any other is reported ----
  function lodash() {
    const path = (p) => (Array.isArray(p) ? p : String(p).replace(/\[(\w+)\]/g, '.$1').split('.').filter((s) => s !== ''));
    const isObject = (v) => v !== null && (typeof v === 'object' || typeof v === 'function');
    const iteratee = (f) => (typeof f === 'function' ? f : typeof f === 'string' ? (o) => _.get(o, f) : f && typeof f === 'object' ? (o) => Object.keys(f).every((k) => _.isEqual(o && o[k], f[k])) : (o) => o);
    const vals = (c) => (Array.isArray(c) ? c : c ? Object.keys(c).map((k) => c[k]) : []);
    const _ = {
      get(o, p, d) { let v = o; for (const k of path(p)) { if (v === null || v === undefined) return d; v = v[k]; } return v === undefined ? d : v; },
      set(o, p, v) { const ks = path(p); let t = o; ks.slice(0, -1).forEach((k, i) => { if (!isObject(t[k])) t[k] = /^\d+$/.test(ks[i + 1]) ? [] : {}; t = t[k]; }); t[ks[ks.length - 1]] = v; return o; },
      has(o, p) { let v = o; for (const k of path(p)) { if (!isObject(v) || !Object.prototype.hasOwnProperty.call(v, k)) return false; v = v[k]; } return true; },
      pick(o, ...ks) { const out = {}; [].concat(...ks).forEach((k) => { if (o && k in o) out[k] = o[k]; }); return out; },
      omit(o, ...ks) { const drop = new Set([].concat(...ks)); const out = {}; Object.keys(o || {}).forEach((k) => { if (!drop.has(k)) out[k] = o[k]; }); return out; },
      assign: Object.assign,
      extend: Object.assign,
      defaults(o, ...ss) { ss.forEach((s) => Object.keys(s || {}).forEach((k) => { if (o[k] === undefined) o[k] = s[k]; })); return o; },
      merge(o, ...ss) { ss.forEach((s) => Object.keys(s || {}).forEach((k) => { if (_.isPlainObject(s[k]) && _.isPlainObject(o[k])) _.merge(o[k], s[k]); else if (s[k] !== undefined) o[k] = _.cloneDeep(s[k]); })); return o; },
      clone(v) { return Array.isArray(v) ? v.slice() : isObject(v) ? Object.assign({}, v) : v; },
      cloneDeep(v) { return v === undefined ? v : JSON.parse(JSON.stringify(v)); },
      isEqual(a, b) { return JSON.stringify(a) === JSON.stringify(b); },
      isEmpty(v) { return v === null || v === undefined || (typeof v === 'object' ? Object.keys(v).length === 0 : typeof v === 'string' ? v.length === 0 : true); },
      isString: (v) => typeof v === 'string',
      isNumber: (v) => typeof v === 'number',
      isBoolean: (v) => typeof v === 'boolean',
      isArray: Array.isArray,
      isObject,
      isPlainObject: (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype,
      isFunction: (v) => typeof v === 'function',
      isNil: (v) => v === null || v === undefined,
      isUndefined: (v) => v === undefined,
      isNull: (v) => v === null,
      includes: (c, v) => (typeof c === 'string' ? c.indexOf(v) >= 0 : vals(c).indexOf(v) >= 0),
      map: (c, f) => vals(c).map(iteratee(f)),
      filter: (c, f) => vals(c).filter(iteratee(f)),
      reject: (c, f) => vals(c).filter((x) => !iteratee(f)(x)),
      find: (c, f) => vals(c).find(iteratee(f)),
      some: (c, f) => vals(c).some(iteratee(f)),
      every: (c, f) => vals(c).every(iteratee(f)),
      forEach(c, f) { if (Array.isArray(c)) c.forEach(f); else Object.keys(c || {}).forEach((k) => f(c[k], k, c)); return c; },
      keys: (o) => Object.keys(o || {}),
      values: (o) => vals(o),
      uniq: (a) => Array.from(new Set(a || [])),
      flatten: (a) => [].concat(...(a || [])),
      compact: (a) => (a || []).filter(Boolean),
      first: (a) => (a || [])[0],
      head: (a) => (a || [])[0],
      last: (a) => (a || [])[(a || []).length - 1],
      toLower: (s) => String(s === undefined || s === null ? '' : s).toLowerCase(),
      toUpper: (s) => String(s === undefined || s === null ? '' : s).toUpperCase(),
      trim: (s) => String(s === undefined || s === null ? '' : s).trim(),
      startsWith: (s, t) => String(s).startsWith(t),
      endsWith: (s, t) => String(s).endsWith(t),
      mapValues(o, f) { const out = {}; const g = iteratee(f); Object.keys(o || {}).forEach((k) => { out[k] = g(o[k], k); }); return out; },
      noop,
      identity: (v) => v,
    };
    _.each = _.forEach;
    return strict('lodash', _);
  }

  // ---- Node core modules the fakes stand in for ----
  function querystring() {
    return strict('querystring', {
      stringify: (o) => query(o),
      encode: (o) => query(o),
      escape: encodeURIComponent,
      unescape: decodeURIComponent,
      parse(s) { const out = {}; String(s || '').replace(/^\?/, '').split('&').filter(Boolean).forEach((p) => { const i = p.indexOf('='); const k = decodeURIComponent((i < 0 ? p : p.slice(0, i)).replace(/\+/g, ' ')); const v = i < 0 ? '' : decodeURIComponent(p.slice(i + 1).replace(/\+/g, ' ')); if (k in out) out[k] = [].concat(out[k], v); else out[k] = v; }); return out; },
    });
  }

  function crypto() {
    function hasher(alg, key) {
      const parts = [];
      const h = {
        update(data, enc) { parts.push(typeof data === 'string' ? Buffer.from(data, enc || 'utf8') : data); return h; },
        digest(enc) { return h2a.digest(String(alg), key === undefined ? null : key, parts, enc === undefined ? null : enc); },
      };
      return h;
    }
    return strict('crypto', {
      createHash: (alg) => hasher(alg),
      createHmac: (alg, key) => hasher(alg, typeof key === 'string' ? Buffer.from(key) : key),
      randomBytes(n, cb) { const b = Buffer.alloc(n); for (let i = 0; i < n; i++) b[i] = Math.floor(Math.random() * 256); if (cb) { later(() => cb(null, b)); return undefined; } return b; },
      randomUUID() { const b = Array.from({ length: 16 }, () => Math.floor(Math.random() * 256)); b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80; const hex = b.map((x) => (x + 0x100).toString(16).slice(1)).join(''); return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20); },
      randomInt(a, b) { if (b === undefined) { b = a; a = 0; } return a + Math.floor(Math.random() * (b - a)); },
      timingSafeEqual: (a, b) => Buffer.from(a).equals(Buffer.from(b)),
    });
  }

  // ---- uuid ----
  function uuid() {
    const v4 = () => crypto().randomUUID();
    return strict('uuid', { v4, v1: v4, validate: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(s)) });
  }

  // ---- async (caolan/async): the control flow old hooks used ----
  function asyncLib() {
    const done = (cb, resolve, reject) => (err, result) => { if (cb) cb(err, result); else if (err) reject(err); else resolve(result); };
    const withPromise = (cb, run) => (cb ? (run(cb), undefined) : new Promise((resolve, reject) => run(done(null, resolve, reject))));
    const list = (c) => (Array.isArray(c) ? c.map((v, i) => [i, v]) : Object.keys(c || {}).map((k) => [k, c[k]]));
    function series(tasks, cb) {
      return withPromise(cb, (cb) => {
        const out = Array.isArray(tasks) ? [] : {};
        const items = list(tasks);
        const next = (i) => {
          if (i >= items.length) return cb(null, out);
          items[i][1]((err, ...r) => { out[items[i][0]] = r.length > 1 ? r : r[0]; if (err) return cb(err, out); next(i + 1); });
        };
        next(0);
      });
    }
    function parallel(tasks, cb) {
      return withPromise(cb, (cb) => {
        const out = Array.isArray(tasks) ? [] : {};
        const items = list(tasks);
        let left = items.length, failed = false;
        if (!left) return cb(null, out);
        items.forEach(([k, task]) => task((err, ...r) => {
          if (failed) return;
          out[k] = r.length > 1 ? r : r[0];
          if (err) { failed = true; return cb(err, out); }
          if (--left === 0) cb(null, out);
        }));
      });
    }
    function waterfall(tasks, cb) {
      return withPromise(cb, (cb) => {
        const next = (i, args) => {
          if (i >= tasks.length) return cb(null, ...args);
          tasks[i](...args, (err, ...r) => (err ? cb(err) : next(i + 1, r)));
        };
        next(0, []);
      });
    }
    const each = (serial) => function (coll, iteratee, cb) {
      const items = list(coll).map(([, v]) => (callback) => iteratee(v, callback));
      return withPromise(cb, (cb) => (serial ? series : parallel)(items, (err) => cb(err)));
    };
    const map = (serial) => function (coll, iteratee, cb) {
      const items = list(coll).map(([, v]) => (callback) => iteratee(v, callback));
      return withPromise(cb, (cb) => (serial ? series : parallel)(items, (err, r) => cb(err, r)));
    };
    const lib = { series, parallel, waterfall, each: each(false), forEach: each(false), eachSeries: each(true), forEachSeries: each(true),
      map: map(false), mapSeries: map(true), eachLimit: (c, n, f, cb) => each(true)(c, f, cb), mapLimit: (c, n, f, cb) => map(true)(c, f, cb) };
    lib.default = lib;
    return strict('async', lib);
  }

  // Node's global crypto is the Web Crypto API (Node 18 and later).
  globalThis.crypto = strict('crypto (global)', {
    randomUUID: () => crypto().randomUUID(),
    getRandomValues(a) { for (let i = 0; i < a.length; i++) a[i] = Math.floor(Math.random() * 256); return a; },
  });

  globalThis.process = { env: {}, version: 'v22.0.0', versions: { node: '22.0.0' }, platform: 'linux', nextTick(fn, ...args) { Promise.resolve().then(() => fn(...args)); }, hrtime: Object.assign(() => [0, 0], { bigint: () => 0n }), cwd: () => '/', exit: noop, on: noop };
  globalThis.queueMicrotask = (fn) => { Promise.resolve().then(fn); };

  // modules maps a module name to the factory of its fake. A name of the
  // form "@aws-sdk/client-*" has a generic fake (awsV3).
  h2a.modules = {
    axios: () => makeAxios({ headers: {} }),
    'node-fetch': nodeFetch,
    request: () => makeRequest({ headers: {} }),
    'request-promise': () => makeRequestPromise({ headers: {} }),
    'request-promise-native': () => makeRequestPromise({ headers: {} }),
    got: () => makeGot({ headers: {} }),
    superagent,
    http: () => makeHTTP('http:'),
    https: () => makeHTTP('https:'),
    twilio,
    '@sendgrid/mail': sendgrid,
    'slack-notify': slackNotify,
    'aws-sdk': awsV2,
    auth0,
    jsonwebtoken: jwt,
    lodash,
    querystring,
    crypto,
    uuid,
    'uuid/v4': () => uuid().v4,
    async: asyncLib,
    events: () => Object.assign(EventEmitter, { EventEmitter, default: EventEmitter }),
    awsV3,
  };
})(__h2a);
