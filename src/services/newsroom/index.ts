/**
 * The newsroom's use cases: reading and listing stories for editing, creating and correcting
 * them, their lifecycle (publish, withdraw, restore), and their language variants. Every
 * change goes through `changeStory` (./change.ts) and returns the events it appended, which
 * the announcer (../announcer.ts) sends on after the response.
 */
export type {
  Precondition,
  StoryInput,
  StoryPatch,
  StoryWrite,
  VariantInput,
  VariantPatch,
} from "./inputs";
export { publishStory, restoreStory, withdrawStory } from "./lifecycle";
export {
  getStoryForEditing,
  listStoriesPage,
  type StoryListPage,
  type StoryListQuery,
} from "./listing";
export { createStory, updateStory } from "./stories";
export { addVariant, removeVariant, updateVariant } from "./variants";
