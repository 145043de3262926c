import { parseLinks } from '@consentry/shared'

/** A configuration text in the dialogs: `[label](https://…)` becomes a link, everything else stays text. */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {parseLinks(text).map((part) =>
        typeof part === 'string' ? (
          part
        ) : (
          <a href={part.href} target="_blank" rel="noopener">
            {part.label}
          </a>
        ),
      )}
    </>
  )
}
