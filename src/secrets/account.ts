// Which keychain item holds the key of one profile section. The account is the profile name, as
// in keyward's first format, unless another section (another credentials file that has a profile
// of the same name, or the config file's section of it) already owns that item: then the name with
// its file. The account is written into the credential_process line (`--item`) whenever it is not
// the profile name, so every line names its own item and two files never share one.

/** Why a profile name cannot be a keychain account exactly; undefined when it can. */
export function unstorableName(name: string): string | undefined {
  // keytar hands names to the OS as C strings: `de\0v` would silently become `de`, another profile's item.
  if (name.includes('\0')) return 'contains a NUL character, which the keychain would cut the name off at';
  return undefined;
}

/** The accounts a section's key may be stored under, in order of preference. */
export function accountCandidates(profile: string, file: string): string[] {
  return [profile, `${profile} (${file})`];
}
