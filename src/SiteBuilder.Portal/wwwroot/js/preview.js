// The workspace preview: generated pages are untrusted, so they render only inside <iframe sandbox> without
// allow-same-origin or allow-scripts, fed through srcdoc. Two frames take turns so the page never flashes blank
// while a newer version of the streaming document loads, and the frame is scaled to fit the chosen device width.

const observers = new WeakMap();

export function show(host, html) {
  if (!host) return;
  const frames = host.querySelectorAll('iframe.preview-frame');
  if (frames.length < 2) return;
  const [a, b] = frames;
  const front = a.classList.contains('front') ? a : b;
  const back = front === a ? b : a;
  back.onload = () => {
    back.classList.add('front');
    back.removeAttribute('aria-hidden');
    back.tabIndex = 0;
    front.classList.remove('front');
    front.setAttribute('aria-hidden', 'true');
    front.tabIndex = -1;
  };
  back.srcdoc = html;
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
