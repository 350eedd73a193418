// Applies the reader's saved theme before the page paints, so there is no flash
// of the wrong colours. Loaded in <head>; the toggle itself is in site.js.
;(() => {
  const root = document.documentElement
  root.classList.add('js')
  try {
    const saved = localStorage.getItem('mltop10-theme')
    if (saved === 'dark' || saved === 'light') root.dataset.theme = saved
  } catch {
    // Storage can be disabled; the system preference applies then.
  }
})()
