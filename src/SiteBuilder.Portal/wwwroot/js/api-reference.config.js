// Scalar's page template has no lang attribute; screen readers need it to pick the voice (WCAG 3.1.1).
document.documentElement.lang = 'en';

export default {};
