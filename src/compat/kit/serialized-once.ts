/**
 * Answers the read cache serves again, mapped and serialized once (see http/routes/list.ts): a
 * vendor's route whose answer depends only on a cached read sends the same text again.
 */
export { representedOnce, sendSerializedOnce } from '../../http/routes/list.js';
