// The Validate HTML page: a pasted page can be megabytes, more than one circuit message may carry (32 KB), so the
// textarea is not bound to the server; its text travels as a stream when the user asks for a report.

export function hasText(textarea) {
  return !!textarea && textarea.value.trim().length > 0;
}

export function readText(textarea) {
  return new TextEncoder().encode(textarea ? textarea.value : '');
}

export function setText(textarea, text) {
  if (!textarea) return;
  textarea.value = text;
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}
