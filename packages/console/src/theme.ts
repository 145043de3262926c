// The console's own theme: light, dark, or the system's, remembered in this browser.
import { useEffect, useState } from 'preact/hooks'

export type ThemeChoice = 'system' | 'light' | 'dark'
const KEY = 'consentry-console-theme'

export function useTheme(): [ThemeChoice, (t: ThemeChoice) => void] {
  const [theme, setTheme] = useState<ThemeChoice>(() => (localStorage.getItem(KEY) as ThemeChoice | null) ?? 'system')
  useEffect(() => {
    const root = document.documentElement
    if (theme === 'system') root.removeAttribute('data-theme')
    else root.setAttribute('data-theme', theme)
    localStorage.setItem(KEY, theme)
  }, [theme])
  return [theme, setTheme]
}
