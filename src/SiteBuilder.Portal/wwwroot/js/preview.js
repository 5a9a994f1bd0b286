// The workspace preview: generated pages are untrusted, so they render only inside <iframe sandbox> without
// allow-same-origin or allow-scripts, fed through srcdoc. Two frames take turns: the next version of the streaming
// document loads and paints behind the one shown (both stay rendered, stacked), and comes to the front only once it
// has loaded, so the preview never flashes blank or back to the placeholder. The frame is scaled to fit the device width.

const observers = new WeakMap();
const queues = new WeakMap();

// How long a loaded frame paints behind the shown one before it comes to the front: an out-of-process frame composites a
// while after its load event (longer on a busy machine), and swapping earlier shows a white frame for a moment.
const settle = 400;

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
  queue.busy = true;
  const [a, b] = frames;
  const front = a.classList.contains('front') ? a : b;
  const back = front === a ? b : a;
  back.onload = () => {
    back.onload = null;
    setTimeout(() => requestAnimationFrame(() => {
      if (queue.cleared) return;
      back.classList.add('front');
      back.removeAttribute('aria-hidden');
      back.inert = false;
      back.tabIndex = 0;
      front.classList.remove('front');
      front.setAttribute('aria-hidden', 'true');
      front.inert = true;
      front.tabIndex = -1;
      host.dataset.shown = String(html.length);
      loadNext(host, queue);
    }), settle);
  };
  back.srcdoc = html;
}

// Another page (or none) is shown: back to the placeholder until its first version loads.
export function clear(host) {
  if (!host) return;
  const queue = queues.get(host);
  if (queue) queue.cleared = true;
  queues.delete(host);
  delete host.dataset.shown;
  for (const frame of host.querySelectorAll('iframe.preview-frame')) {
    frame.onload = null;
    frame.removeAttribute('srcdoc');
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
