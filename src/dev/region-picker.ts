/**
 * The region picker in the browser (src/dev/RegionPicker.astro, `npm run dev` only): draws a
 * screenshot's regions, lets the editor select one and move or resize it with the pointer or
 * the keyboard, or draw a new one, and gives the lines to change in its YAML file.
 */
import {
  addInstruction,
  boxAfterKey,
  boxBetween,
  boxText,
  edges,
  fitBox,
  moveBox,
  newNameProblem,
  newRegionLines,
  replaceInstruction,
  replacementText,
  resizeBox,
  type Box,
  type BoxLines,
  type Edge,
  type NewRegionPlace,
  type Part,
} from './region-edit.ts';

interface Shot {
  name: string;
  file: string;
  image: { url: string; width: number; height: number } | undefined;
  regions: { name: string; box: Box | undefined; lines: BoxLines | undefined }[];
  add: NewRegionPlace | undefined;
  problems: string[];
}

/** What is selected: a region of the file (by name), the new region being drawn, or nothing. */
type Selection = { region: string } | 'new' | undefined;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const root = byId<HTMLElement>('picker');
const shots = JSON.parse(root.dataset.shots ?? '[]') as Shot[];
const stage = byId<HTMLDivElement>('stage');
const image = byId<HTMLImageElement>('image');
const select = byId<HTMLSelectElement>('shot');
const size = byId<HTMLParagraphElement>('size');
const fileProblems = byId<HTMLDivElement>('file-problems');
const regionList = byId<HTMLUListElement>('regions');
const selectedTitle = byId<HTMLHeadingElement>('selected');
const fields = byId<HTMLFieldSetElement>('box-fields');
const inputs = (['left', 'top', 'width', 'height'] as const).map((name) => byId<HTMLInputElement>(`box-${name}`));
const newRegion = byId<HTMLDivElement>('new-region');
const nameInput = byId<HTMLInputElement>('new-name');
const labelInputs = { nb: byId<HTMLInputElement>('new-nb'), nn: byId<HTMLInputElement>('new-nn'), en: byId<HTMLInputElement>('new-en') };
const instruction = byId<HTMLParagraphElement>('instruction');
const output = byId<HTMLPreElement>('output');
const copy = byId<HTMLButtonElement>('copy');
const reset = byId<HTMLButtonElement>('reset');
const copied = byId<HTMLSpanElement>('copied');
const usage = byId<HTMLParagraphElement>('usage');

const params = new URLSearchParams(location.search);
// ?bilde=<name>&region=<name> opens a screenshot and a region, so a link can point at one, and a reload keeps them.
let shot = shots.find((s) => s.name === params.get('bilde')) ?? shots[0];
/** The boxes as the editor has them now, by region; the file's until moved. */
let boxes = new Map<string, Box>();
let drawn: Box | undefined;
let selection: Selection;

const imageSize = () => ({ width: shot?.image?.width ?? 1, height: shot?.image?.height ?? 1 });
const fileRegion = (name: string) => shot?.regions.find((r) => r.name === name);
const currentBox = (): Box | undefined => (selection === 'new' ? drawn : selection ? boxes.get(selection.region) : undefined);
const sameBox = (a: readonly number[] | undefined, b: readonly number[] | undefined) => !!a && !!b && a.every((n, i) => n === b[i]);

function remember(): void {
  const query = new URLSearchParams();
  if (shot) query.set('bilde', shot.name);
  if (selection && selection !== 'new') query.set('region', selection.region);
  history.replaceState(null, '', `?${query}`);
}

function showParts(element: HTMLElement, parts: readonly Part[]): void {
  element.replaceChildren(
    ...parts.map((part) => {
      if ('text' in part) return document.createTextNode(part.text);
      const code = document.createElement('code');
      code.textContent = part.code;
      return code;
    }),
  );
}

/** Places an element over the image at `box`, in percent, so it scales with the picture. */
function place(element: HTMLElement, box: Box): void {
  const { width, height } = imageSize();
  Object.assign(element.style, {
    left: `${(box[0] / width) * 100}%`,
    top: `${(box[1] / height) * 100}%`,
    width: `${(box[2] / width) * 100}%`,
    height: `${(box[3] / height) * 100}%`,
  });
}

function boxElement(key: string, name: string, box: Box, isNew: boolean): HTMLButtonElement {
  const selected = isNew ? selection === 'new' : typeof selection === 'object' && selection.region === name;
  const element = document.createElement('button');
  element.type = 'button';
  element.className = `box${isNew ? ' new' : ''}`;
  element.dataset.key = key;
  element.setAttribute('aria-pressed', String(selected));
  element.setAttribute('aria-label', `${isNew ? 'New region' : `Region ${name}`}, box ${boxText(box)}`);
  const tag = document.createElement('span');
  tag.className = 'tag';
  tag.textContent = isNew ? 'new region' : name;
  element.append(tag);
  if (selected) {
    for (const edge of edges) {
      const handle = document.createElement('span');
      handle.className = `handle ${edge}`;
      handle.dataset.edge = edge;
      element.append(handle);
    }
  }
  place(element, box);
  return element;
}

/** Draws the boxes on the image and lists the regions; keeps the focus on the box that had it. */
function draw(): void {
  const focused = (document.activeElement as HTMLElement | null)?.dataset.key;
  stage.querySelectorAll('.box').forEach((b) => b.remove());
  regionList.replaceChildren();
  for (const region of shot?.regions ?? []) {
    const box = boxes.get(region.name);
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.region = region.name;
    const moved = box && !sameBox(box, region.box) ? ' (moved)' : '';
    button.textContent = box ? `${region.name} ${boxText(box)}${moved}` : `${region.name} (no box the picker can read)`;
    button.disabled = !box;
    button.setAttribute('aria-pressed', String(typeof selection === 'object' && selection.region === region.name));
    item.append(button);
    regionList.append(item);
    if (box) stage.append(boxElement(`region:${region.name}`, region.name, box, false));
  }
  if (drawn) stage.append(boxElement('new', 'new', drawn, true));
  if (focused) stage.querySelector<HTMLElement>(`.box[data-key="${CSS.escape(focused)}"]`)?.focus();
}

/** The fields, the instruction and the lines for the selected box. */
function show(): void {
  const box = currentBox();
  fields.disabled = !box;
  inputs.forEach((input, i) => {
    // Leave the field being typed in alone: rewriting it would move the caret.
    if (document.activeElement !== input) input.value = box ? String(box[i]) : '';
  });
  newRegion.hidden = selection !== 'new';
  copied.textContent = '';
  output.textContent = '';
  output.hidden = true;
  copy.hidden = true;
  reset.hidden = true;
  usage.textContent = '';

  if (!shot?.image || !shot.add) {
    selectedTitle.textContent = 'Nothing selected';
    if (shot?.problems.length) instruction.textContent = 'Fix the problem above in the file first; then reload this page.';
    else if (shot?.image) instruction.textContent = 'This file writes its regions between { }: write regions: on a line of its own, each region on the lines under it, like the other screenshot files; then reload this page.';
    else instruction.textContent = '';
    return;
  }
  if (!selection || !box) {
    selectedTitle.textContent = 'Nothing selected';
    instruction.textContent = 'Click a region on the picture (or in the list) to move it, or drag on an empty part of the picture to draw a new one.';
    return;
  }
  if (selection === 'new') {
    selectedTitle.textContent = 'New region';
    const name = nameInput.value.trim();
    const missing = [
      newNameProblem(name, shot.regions.map((r) => r.name)),
      ...(['nb', 'nn', 'en'] as const).filter((l) => labelInputs[l].value.trim() === '').map((l) => `Type the label in ${l}.`),
    ].filter((m): m is string => m !== undefined);
    if (missing.length > 0) {
      instruction.textContent = `To get the lines to add: ${missing.join(' ')}`;
      return;
    }
    const label = { nb: labelInputs.nb.value.trim(), nn: labelInputs.nn.value.trim(), en: labelInputs.en.value.trim() };
    showParts(instruction, addInstruction(shot.file, shot.add));
    output.textContent = newRegionLines({ name, box, label }, shot.add);
    copy.textContent = 'Copy the lines';
    showParts(usage, [{ text: 'Then mark it on a page: ' }, { code: `<Screenshot src="${shot.name}" regions={['${name}']} />` }]);
  } else {
    const region = fileRegion(selection.region)!;
    selectedTitle.textContent = `Region ${region.name}`;
    if (!region.lines) {
      instruction.textContent = `Region ${region.name} has no box the picker can change: npm run check says what to write.`;
      return;
    }
    if (sameBox(box, region.box)) {
      showParts(instruction, [
        { text: `This is the box on line ${region.lines.first} of ` },
        { code: shot.file },
        { text: '. Drag it or its edges, or use the arrow keys, to move it or change its size.' },
      ]);
      return;
    }
    const replacement = replacementText(region.lines, box);
    showParts(instruction, replaceInstruction(shot.file, region.lines));
    output.textContent = replacement;
    copy.textContent = 'Copy the new line';
    reset.hidden = false;
  }
  output.hidden = false;
  copy.hidden = false;
}

function update(): void {
  draw();
  show();
  remember();
}

function choose(next: Selection, focus = false): void {
  selection = next;
  update();
  if (focus) stage.querySelector<HTMLElement>(`.box[aria-pressed="true"]`)?.focus();
}

function load(name: string | undefined, region?: string | null): void {
  shot = shots.find((s) => s.name === name) ?? shots[0];
  boxes = new Map((shot?.regions ?? []).filter((r) => r.box).map((r) => [r.name, fitBox(r.box!, imageSize())]));
  drawn = undefined;
  selection = region && boxes.has(region) ? { region } : undefined;
  if (!shot) return;
  select.value = shot.name;
  fileProblems.hidden = shot.problems.length === 0;
  fileProblems.replaceChildren(
    ...(shot.problems.length ? [Object.assign(document.createElement('p'), { textContent: `${shot.file} cannot be read, so the picker cannot say which lines to change:` })] : []),
    ...shot.problems.map((p) => Object.assign(document.createElement('pre'), { textContent: p })),
  );
  if (shot.image) {
    image.src = shot.image.url;
    image.width = shot.image.width / 2;
    image.height = shot.image.height / 2;
    size.textContent = `${shot.image.width} × ${shot.image.height} px`;
  } else {
    image.removeAttribute('src');
    size.textContent = `There is no public/screenshots/${shot.name}.png to draw on.`;
  }
  update();
}

/** Where the pointer is, in the PNG's own pixels, kept on the image. */
function point(event: PointerEvent): [number, number] {
  const rect = image.getBoundingClientRect();
  const { width, height } = imageSize();
  const x = Math.min(Math.max(event.clientX - rect.left, 0), rect.width);
  const y = Math.min(Math.max(event.clientY - rect.top, 0), rect.height);
  return [Math.round((x * width) / rect.width), Math.round((y * height) / rect.height)];
}

/** What a box on the picture stands for. */
const selectionOf = (box: HTMLElement): Exclude<Selection, undefined> => (box.dataset.key === 'new' ? 'new' : { region: box.dataset.key!.slice('region:'.length) });

function setBox(box: Box): void {
  if (selection === 'new') drawn = box;
  else if (selection) boxes.set(selection.region, box);
}

/**
 * A drag in progress: drawing a new box (with the new box it replaces, kept if the drag turns
 * out to be a click), moving the selected one, or moving some of its edges.
 */
let drag:
  | { kind: 'draw'; from: [number, number]; before: Box | undefined }
  | { kind: 'move'; from: [number, number]; start: Box }
  | { kind: 'resize'; edge: Edge; from: [number, number]; start: Box }
  | undefined;

stage.addEventListener('pointerdown', (event) => {
  if (!shot?.image || !shot.add || event.button !== 0) return;
  // Stops the browser's own image drag and text selection, which would take the pointer away.
  event.preventDefault();
  const target = event.target as HTMLElement;
  const from = point(event);
  const handle = target.closest<HTMLElement>('.handle');
  const box = target.closest<HTMLElement>('.box');
  if (box) {
    const next = selectionOf(box);
    const same = next === 'new' ? selection === 'new' : typeof selection === 'object' && selection.region === next.region;
    if (!same) choose(next);
    const start = currentBox()!;
    drag = handle && same ? { kind: 'resize', edge: handle.dataset.edge as Edge, from, start } : { kind: 'move', from, start };
  } else {
    drag = { kind: 'draw', from, before: drawn };
    drawn = [from[0], from[1], 1, 1];
    choose('new');
  }
  stage.querySelector<HTMLElement>('.box[aria-pressed="true"]')?.focus({ preventScroll: true });
  stage.setPointerCapture(event.pointerId);
});

stage.addEventListener('pointermove', (event) => {
  if (!drag) return;
  const to = point(event);
  const [dx, dy] = [to[0] - drag.from[0], to[1] - drag.from[1]];
  const size = imageSize();
  if (drag.kind === 'draw') setBox(boxBetween(drag.from, to, size));
  else if (drag.kind === 'move') setBox(moveBox(drag.start, dx, dy, size));
  else setBox(resizeBox(drag.start, drag.edge, dx, dy, size));
  update();
});

const endDrag = () => {
  // A click on the picture outside the boxes selects nothing; it draws no box.
  if (drag?.kind === 'draw' && drawn && drawn[2] <= 2 && drawn[3] <= 2) {
    drawn = drag.before;
    choose(undefined);
  }
  drag = undefined;
};
stage.addEventListener('pointerup', endDrag);
stage.addEventListener('pointercancel', endDrag);

stage.addEventListener('keydown', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('.box');
  if (!target || !boxAfterKey([0, 0, 1, 1], event, { width: 2, height: 2 })) return;
  // Arrow keys would scroll the page, and Alt+← would go back a page.
  event.preventDefault();
  // An arrow on a box the Tab key reached selects it, then moves it.
  if (target.getAttribute('aria-pressed') !== 'true') choose(selectionOf(target), true);
  const box = currentBox();
  if (!box) return;
  setBox(boxAfterKey(box, event, imageSize())!);
  update();
});

// A click on a box that is not selected yet, from the keyboard (Enter or Space): select it.
stage.addEventListener('click', (event) => {
  const box = (event.target as HTMLElement).closest<HTMLElement>('.box');
  if (!box || event.detail !== 0) return;
  choose(selectionOf(box), true);
});

regionList.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-region]');
  if (button) choose({ region: button.dataset.region! }, true);
});

inputs.forEach((input) =>
  input.addEventListener('input', () => {
    if (inputs.some((i) => i.value.trim() === '')) return;
    const values = inputs.map((i) => Number(i.value));
    if (values.some((v) => !Number.isFinite(v))) return;
    setBox(fitBox(values, imageSize()));
    update();
  }),
);
// Once the editor leaves a field, show the number the box really has (kept inside the image).
inputs.forEach((input) => input.addEventListener('change', () => queueMicrotask(show)));

for (const input of [nameInput, ...Object.values(labelInputs)]) input.addEventListener('input', show);

reset.addEventListener('click', () => {
  if (typeof selection !== 'object') return;
  const region = fileRegion(selection.region);
  if (region?.box) boxes.set(region.name, fitBox(region.box, imageSize()));
  update();
  stage.querySelector<HTMLElement>('.box[aria-pressed="true"]')?.focus();
});

copy.addEventListener('click', async () => {
  const text = output.textContent ?? '';
  try {
    await navigator.clipboard.writeText(text);
    copied.textContent = 'Copied.';
  } catch {
    // No clipboard (a browser that refuses it): select the text for Ctrl+C instead.
    getSelection()?.selectAllChildren(output);
    copied.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.';
  }
});

select.addEventListener('change', () => load(select.value));

load(shot?.name, params.get('region'));
root.dataset.ready = 'true';
