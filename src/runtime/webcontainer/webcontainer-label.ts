/** The WebContainer runtime's name on the page until its Node has been checked. */
export const WEBCONTAINER_LABEL = 'WebContainer (Node in this browser)';
