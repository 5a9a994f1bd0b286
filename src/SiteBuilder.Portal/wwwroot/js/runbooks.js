// The runbook page: copy buttons on code blocks, and the section named in the address brought into view once the
// document has rendered over the circuit (a link from search or an alarm opens at its section).

export function wire(article, firstRender) {
  if (!article) return;
  if (!article.dataset.wired) {
    article.dataset.wired = 'true';
    article.addEventListener('click', async (event) => {
      const button = event.target.closest('button.runbook-copy');
      if (!button) return;
      const code = button.closest('.runbook-code')?.querySelector('pre code');
      if (!code) return;
      try {
        await navigator.clipboard.writeText(code.innerText.replace(/\n$/, ''));
        flash(button, 'Copied');
      } catch {
        // No clipboard permission (an insecure origin): select the text so the reader can copy it by hand.
        const range = document.createRange();
        range.selectNodeContents(code);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        flash(button, 'Selected');
      }
    });
  }
  if (firstRender && location.hash.length > 1) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView({ block: 'start' });
  }
}

function flash(button, text) {
  button.textContent = text;
  button.classList.add('runbook-copy-done');
  setTimeout(() => {
    button.textContent = 'Copy';
    button.classList.remove('runbook-copy-done');
  }, 1500);
}
