/** The magnifier inside a search field (decorative; the field has its own label). */
export const FieldIcon = () => (
  <svg className="search-icon" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
    <circle cx="8.5" cy="8.5" r="5.5" />
    <path d="M13 13l4.5 4.5" strokeLinecap="round" />
  </svg>
);
