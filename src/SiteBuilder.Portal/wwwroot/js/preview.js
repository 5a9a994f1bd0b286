// The workspace preview: generated pages are untrusted, so they render only inside <iframe sandbox="allow-scripts"> without
// allow-same-origin (an opaque origin: no cookies, storage or portal DOM), fed through srcdoc. Each page gets the host's
// frame head (PreviewFrame on the server) put first: a Content-Security-Policy under which the only script that runs is the
// scroll reporter beside it; the page's own scripts, handlers and javascript: URLs never do. Two frames take turns: the next
// version of the streaming document loads and paints behind the one shown (both stay rendered, stacked), and comes to the
// front only once it has loaded, so the preview never flashes blank or back to the placeholder. A version that grows the
// page shown is first scrolled to where the reader is (the reporters post their offsets), so reading is not interrupted;
// any other page starts at the top. The frame is scaled to fit the device width.

const observers = new WeakMap();
const queues = new WeakMap();
// Per frame: the page it holds (as handed to show) and the scroll offset its reporter last posted.
const pages = new WeakMap();
const offsets = new WeakMap();
// Per frame: who waits for its next offset (the answer to "scroll to").
const answers = new WeakMap();
// Per frame: when its reporter last posted, and when it last went behind the other.
const reportedAt = new WeakMap();
const demotedAt = new WeakMap();

// How long a loaded frame paints behind the shown one before it comes to the front: an out-of-process frame composites a
// while after its load event (longer on a busy machine), and swapping earlier shows a white frame for a moment.
const settle = 400;

// A reporter answers "scroll to" within a frame or two; should it not, the swap goes ahead after this long.
const answerTimeout = 150;

// A wheel turn scrolls smoothly for a moment, in the frame under the pointer. A swap waits until the page shown has stopped
// moving (its reporter posts every frame while it does) for this long, at most scrollWaitMax, so a turn is not split between
// two frames; a turn that began just before a swap anyway (it goes on in the frame gone behind) is carried to the front for
// momentum after it, and the frame gone behind is not reloaded before that.
const scrollQuiet = 150;
const scrollWaitMax = 2000;
const momentum = 500;

// Only the preview frames are heard, and only a number (a scroll offset).
addEventListener('message', event => {
  if (!event.source || typeof event.data !== 'number' || !Number.isFinite(event.data)) return;
  const frame = [...document.querySelectorAll('iframe.preview-frame')].find(f => f.contentWindow === event.source);
  if (!frame) return;
  offsets.set(frame, event.data);
  reportedAt.set(frame, performance.now());
  answers.get(frame)?.();
  if (!frame.classList.contains('front') && performance.now() - (demotedAt.get(frame) ?? -Infinity) < momentum) {
    const front = frame.parentElement?.querySelector('iframe.preview-frame.front');
    if (front && front !== frame && offsetOf(front) !== event.data) front.contentWindow.postMessage(event.data, '*');
  }
});

// Resolves once the frame's page has not moved for scrollQuiet (at once when it is still), or after scrollWaitMax.
async function untilScrollRests(frame) {
  const start = performance.now();
  while (performance.now() - (reportedAt.get(frame) ?? -Infinity) < scrollQuiet && performance.now() - start < scrollWaitMax) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

export function show(host, html) {
  if (!host) return;
  const queue = queues.get(host) || { busy: false, next: null };
  queues.set(host, queue);
  // Versions that arrive while one is loading wait; only the newest is loaded next, so a fast stream never starves the swap.
  queue.next = html;
  if (!queue.busy) loadNext(host, queue);
}

function loadNext(host, queue) {
  const html = queue.next;
  queue.next = null;
  const frames = host.querySelectorAll('iframe.preview-frame');
  if (html === null || frames.length < 2) {
    queue.busy = false;
    return;
  }
  // No policy, no page: an untrusted page never loads in a frame that may run scripts without it.
  const head = host.dataset.frameHead;
  if (!head) throw new Error('The preview host has no data-frame-head; the page is not shown.');
  queue.busy = true;
  const [a, b] = frames;
  const front = a.classList.contains('front') ? a : b;
  const back = front === a ? b : a;
  const shown = pages.get(front);
  const grows = shown !== undefined && html.startsWith(shown);
  back.onload = () => {
    back.onload = null;
    pages.set(back, html);
    offsets.set(back, 0);
    // Scrolled while it paints behind, so the swap shows the place the reader is at.
    if (grows && offsetOf(front) > 0) back.contentWindow.postMessage(offsetOf(front), '*');
    setTimeout(() => requestAnimationFrame(async () => {
      if (queue.cleared) return;
      if (grows) await untilScrollRests(front);
      if (queue.cleared) return;
      // The reader may have scrolled on meanwhile (or the answer is still on its way): catch up before the swap.
      if (grows && offsetOf(back) !== offsetOf(front)) {
        await scrollFrame(back, offsetOf(front));
        await new Promise(resolve => requestAnimationFrame(resolve));
        if (queue.cleared) return;
      }
      back.classList.add('front');
      back.removeAttribute('aria-hidden');
      back.inert = false;
      back.tabIndex = 0;
      front.classList.remove('front');
      front.setAttribute('aria-hidden', 'true');
      front.inert = true;
      front.tabIndex = -1;
      demotedAt.set(front, performance.now());
      host.dataset.shown = String(html.length);
      loadNext(host, queue);
    }), settle);
  };
  const load = () => {
    if (queue.cleared) return;
    demotedAt.delete(back);
    back.srcdoc = withFrameHead(html, head);
  };
  // The frame that just went behind keeps its page while the reader's last wheel turn is still moving it (its first scroll
  // shows within a frame or two), so that momentum is carried over rather than lost with the page.
  const demoted = demotedAt.get(back);
  if (demoted === undefined || performance.now() - demoted >= momentum) {
    load();
    return;
  }
  (async () => {
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    if ((reportedAt.get(back) ?? -Infinity) > demoted) await untilScrollRests(back);
    load();
  })();
}

function offsetOf(frame) {
  return offsets.get(frame) ?? 0;
}

// Asks a frame's reporter to scroll to an offset; resolves on its answer, or after answerTimeout without one.
function scrollFrame(frame, top) {
  return new Promise(resolve => {
    const done = () => {
      clearTimeout(timer);
      answers.delete(frame);
      resolve();
    };
    const timer = setTimeout(done, answerTimeout);
    answers.set(frame, done);
    frame.contentWindow.postMessage(top, '*');
  });
}

// The head goes before anything of the page's, so its policy holds from the page's first tag: right after the doctype (and any
// comment before it), never ahead of it, which would switch the page to quirks mode; a page without one gets it at the start.
function withFrameHead(html, head) {
  const doctype = /^(?:\s|<!--[\s\S]*?-->|<\?[^>]*>)*<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return html.slice(0, at) + head + html.slice(at);
}

// Another page (or none) is shown: back to the placeholder until its first version loads, and to the top.
export function clear(host) {
  if (!host) return;
  const queue = queues.get(host);
  if (queue) queue.cleared = true;
  queues.delete(host);
  delete host.dataset.shown;
  for (const frame of host.querySelectorAll('iframe.preview-frame')) {
    frame.onload = null;
    frame.removeAttribute('srcdoc');
    pages.delete(frame);
    offsets.delete(frame);
    demotedAt.delete(frame);
  }
}

export function fit(host, deviceWidth) {
  if (!host) return;
  host.dataset.device = String(deviceWidth);
  const apply = () => {
    const width = Number(host.dataset.device) || 1280;
    const available = host.clientWidth;
    const scale = Math.min(1, available / width);
    const height = host.clientHeight;
    for (const frame of host.querySelectorAll('iframe.preview-frame')) {
      frame.style.width = `${width}px`;
      frame.style.height = `${Math.ceil(height / scale)}px`;
      frame.style.transform = `scale(${scale})`;
    }
    host.style.setProperty('--preview-offset', `${Math.max(0, (available - width * scale) / 2)}px`);
  };
  apply();
  if (!observers.has(host)) {
    const observer = new ResizeObserver(apply);
    observer.observe(host);
    observers.set(host, observer);
  }
}

export function reveal(host) {
  if (!host) return;
  const section = host.closest('.workspace-main') || host;
  if (section.getBoundingClientRect().top > window.innerHeight / 2) {
    section.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}

export function viewportWidth() {
  return window.innerWidth;
}

export function dispose(host) {
  const observer = host && observers.get(host);
  if (observer) {
    observer.disconnect();
    observers.delete(host);
  }
}

export async function copy(text) {
  await navigator.clipboard.writeText(text);
}
