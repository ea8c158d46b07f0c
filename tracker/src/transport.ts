/** How a send ended: delivered, refused for good (drop), or worth retrying. */
export const enum Sent {
  Ok,
  Drop,
  Retry,
}

/** 429 and 5xx are the collector's passing trouble; any other 4xx would fail again. */
const outcome = (status: number) => (status > 499 || status == 429 ? Sent.Retry : status > 399 ? Sent.Drop : Sent.Ok);

/**
 * POSTs one body. `beacon` (the page may be going away) uses `navigator.sendBeacon`, which
 * outlives the page but only says whether the browser queued the request. Otherwise `fetch`
 * with `keepalive`, else XHR. The body is a string, so every path sends
 * `text/plain;charset=UTF-8`: a CORS-safelisted type, so no preflight. Never rejects.
 */
export const send = (url: string, body: string, beacon?: boolean): Promise<Sent> =>
  new Promise<Sent>((done) => {
    const n = navigator;
    if (beacon && n.sendBeacon) done(n.sendBeacon(url, body) ? Sent.Ok : Sent.Retry);
    else if (typeof fetch == 'function') fetch(url, { method: 'POST', body, keepalive: true }).then((r) => done(outcome(r.status)), done.bind(0, Sent.Retry));
    else {
      const x = new XMLHttpRequest();
      x.open('POST', url);
      // Status 0: no answer at all (offline, blocked).
      x.onloadend = () => done(x.status ? outcome(x.status) : Sent.Retry);
      x.send(body);
    }
  }).catch(() => Sent.Retry);
