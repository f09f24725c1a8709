/** WB's bounds for the text of an answer to a review or a question (09-communications.yaml). */
export const ANSWER_MIN_CHARS = 2;
export const ANSWER_MAX_CHARS = 5000;
