/**
 * Questions offered as buttons on the help and welcome cards. Each is answered by a page in the sample intranet
 * (store/seed), so a new user's first tap always finds something.
 */
export const SAMPLE_QUESTIONS: readonly string[] = [
  "How do I book annual leave?",
  "What should I do if I'm off sick?",
  "How do I ask for a reasonable adjustment?",
];
