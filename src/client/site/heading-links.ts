// Every h2/h3 of the lesson prose (which Astro gives a stable id) gets a "#" link to itself;
// clicking it copies the section's address, so a section can be pasted into a chat or a review.
// Without JavaScript the ids still work as link targets. Each lesson gets its links on arrival,
// whether loaded or reached by soft navigation.
document.addEventListener('astro:page-load', addHeadingLinks);

function addHeadingLinks() {
  const note = document.querySelector<HTMLElement>('[data-copy-note]');
  for (const heading of document.querySelectorAll<HTMLElement>('.prose h2[id], .prose h3[id]')) {
    if (heading.querySelector('.heading-link')) continue;
    heading.append(headingLink(heading, note));
  }
}

function headingLink(heading: HTMLElement, note: HTMLElement | null): HTMLAnchorElement {
  const title = heading.textContent?.trim() ?? '';
  const link = document.createElement('a');
  link.className = 'heading-link';
  link.href = `#${heading.id}`;
  link.innerHTML = '<span aria-hidden="true">#</span>';
  link.append(Object.assign(document.createElement('span'), { className: 'visually-hidden', textContent: `Copy a link to “${title}”` }));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    history.replaceState(history.state, '', link.hash);
    navigator.clipboard
      ?.writeText(link.href)
      .then(() => note && (note.textContent = `Link to “${title}” copied.`))
      .catch(() => note && (note.textContent = 'The address bar now holds the link to this section.'));
  });
  return link;
}
