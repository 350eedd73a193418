// Progressive enhancements: the theme switch and the small-screen menu.
// Without this script the site works in the system theme with the menu open.
;(() => {
  const root = document.documentElement
  const dark = window.matchMedia('(prefers-color-scheme: dark)')
  const themeButton = document.querySelector('button.theme-toggle')
  const isDark = () => (root.dataset.theme ? root.dataset.theme === 'dark' : dark.matches)
  const sync = () => themeButton?.setAttribute('aria-pressed', String(isDark()))

  if (themeButton) {
    themeButton.hidden = false
    sync()
    dark.addEventListener('change', sync)
    themeButton.addEventListener('click', () => {
      const next = isDark() ? 'light' : 'dark'
      root.dataset.theme = next
      try {
        localStorage.setItem('mltop10-theme', next)
      } catch {
        // The choice then lasts for this page only.
      }
      sync()
    })
  }

  const menuButton = document.querySelector('button.menu-toggle')
  const nav = document.getElementById('site-nav')
  if (menuButton && nav) {
    menuButton.hidden = false
    menuButton.addEventListener('click', () => {
      const open = menuButton.getAttribute('aria-expanded') !== 'true'
      menuButton.setAttribute('aria-expanded', String(open))
      nav.classList.toggle('open', open)
    })
  }
})()
