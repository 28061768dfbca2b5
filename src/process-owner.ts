// Whether authdoctor owns the process it runs in: the command line does, a script that imports the
// library does not. Process-wide settings (V8 flags) are changed only by an owner.

let owner = false;

/** Called by the command line as it starts. */
export function ownProcess(): void {
  owner = true;
}

export function ownsProcess(): boolean {
  return owner;
}
