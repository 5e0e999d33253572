/** How the desk's forms name the API's fields. */

/** The form input of an API field: `contact.phone` is `phone`, `answers[2]` is `item3`. */
export function formField(apiField: string): string {
  const answer = /^answers(?:\[(\d+)\]|\.(\d+))$/.exec(apiField);
  if (answer !== null) return `item${Number(answer[1] ?? answer[2]) + 1}`;
  return apiField.startsWith('contact.') ? apiField.slice('contact.'.length) : apiField;
}
