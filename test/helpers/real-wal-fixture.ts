// A WAL-mode database written by the real SQLite (3.40.1, via python3's sqlite3), copied while
// its writer was still open: the checkpointed main file, and a `-wal` holding one committed
// transaction that never reached the main file plus frames of a transaction still in progress
// (spilled from a one-page cache, no commit frame). The sqlite-reader tests check that
// authdoctor sees exactly what SQLite's own recovery sees. Regenerate with the script below
// (python3, no other tools), then gzip -9 -n | base64 each file.
//
// import sqlite3, shutil, os, json
// d = '/tmp/fx/'
// c = sqlite3.connect(d + 'live.sqlite', isolation_level=None)
// c.execute('PRAGMA page_size=512')
// c.execute('PRAGMA journal_mode=WAL')
// c.execute('PRAGMA wal_autocheckpoint=0')
// c.execute('CREATE TABLE config_machine_state (state_key TEXT PRIMARY KEY, value_json TEXT, updated_at_ms INTEGER)')
// c.execute('CREATE TABLE filler (k INTEGER PRIMARY KEY, v TEXT)')
// put = lambda k, v: c.execute('INSERT OR REPLACE INTO config_machine_state VALUES (?, ?, 1)', (k, json.dumps(v)))
// put('auth.sharedStore', {'location': 'state-db'})
// put('authProfiles.store', {'version': 1, 'profiles': {'anthropic:old': {'type': 'api_key', 'provider': 'anthropic', 'key': 'sk-ant-api03-fixture-checkpointed'}}})
// c.execute('PRAGMA wal_checkpoint(TRUNCATE)')
// put('authProfiles.store', {'version': 1, 'profiles': {'anthropic:default': {'type': 'api_key', 'provider': 'anthropic', 'key': 'sk-ant-api03-fixture-in-wal-only'}}})
// put('authProfiles.state', {'version': 1, 'usageStats': {'anthropic:default': {'disabledReason': 'billing'}}})
// c.execute('PRAGMA cache_size=1')
// c.execute('BEGIN')
// put('authProfiles.store', {'version': 1, 'profiles': {'anthropic:uncommitted': {'type': 'api_key', 'provider': 'anthropic', 'key': 'sk-ant-api03-fixture-uncommitted'}}})
// for i in range(40): c.execute('INSERT INTO filler VALUES (?, ?)', (i, 'f' * 400))
// shutil.copy(d + 'live.sqlite', d + 'fixture.sqlite')
// shutil.copy(d + 'live.sqlite-wal', d + 'fixture.sqlite-wal')
// print(sqlite3.sqlite_version, os.path.getsize(d + 'fixture.sqlite'), os.path.getsize(d + 'fixture.sqlite-wal'))
// os._exit(0)

import { gunzipSync } from 'node:zlib';

const MAIN_GZ_BASE64 =
  'H4sIAAAAAAACA+1UwWobMRCVdt20DfhQCjUhUIROCXhNluBLoFC3LCEkDamzh5ochLIrd1WvV1tJNgnBB/eH+hP5gkD/oh/QY2a1' +
  'NSWJIZeeWr/DSPNGszPMPPb045G0ggyVHnNLdpGHPA+9JQQhuCLUQH9w38focXiok+Am/oV8dI3wC/wdjr+OQ3+ttbGBjeXnuRjK' +
  'PBe6to33/agXRyTuvTuKSM2RrRE5OI6j/ahPTvoHH3r9ATmMBm0yJXH0Kd6eb+KnrW4Xzwfuc4kqhvIzG/Mkk4VgUMMu5bw7pZa9' +
  'IFvuYCNx6Srdq87ziWBfjCpcsE0mZQqvU8YtG5tFx9v73lrrrIuRLFJxYb7msDvGJ1Y5ny0ry8JlrA9je1bNrlktCYcI34BZ4XHM' +
  'X3tPwm+bz2Hq2YlWICphOsYqLa7oVGgjVUH3SNgmtPwdBfeK8sJmWpUy2VN56hh7WQq4UF7KShO0zpjKVGhHLxKqQBUHzowCoAPI' +
  '2NkNhvLCTrQIkkwkoxIUAGqhs9msjRvBG9dex2Rci/S0bi5XCbd1d9RpIEjP6Wzd7f8Hwj/BrPBv4JUf4of69F76wQNdNBd/9hX+' +
  'S9wCKfsasAAIAAA=';

const WAL_GZ_BASE64 =
  'H4sIAAAAAAACA+3afUwTZxwH8KvXgkCr8laR1/Z4m4wjNm5xgWzCZMnwLRP0D4wGru0VLpS2tlekYEd4EUe6hQT4hyjGt8WRbO4l' +
  'YwuZOFkThmxsxmyZMTo3WIZB4iSaLItj29NWlgfMNHHbk2fs90t7aZ8n11yvn9/3Ltfb0BTWwvATCQyzjEGl8KWM7hiRf9iY3a07' +
  'qttRG8Hcn5gfb7nXutlUWShqAhOKPEZxCS2gHlHNelZlaNFHCG65+iWn3SJZRVeeS7Y7xUauTnS6JLuNy9cZcnWc4/4setvICTa5' +
  '2ml3SKZ8s2gR3FY5OCp7HCJ6wQkOqaJG9HChteoks+gMDs+vFJgIzKMxVw2Phnm0xrr1vEWql91OkZds/H7BytttVg/n9XpzFUr+' +
  '2eAW5rmqBadoLgttn9VuEuTQBnIuWZBF3mzkvOhLseipnHdxZNvszovHoyoigy6+ZhQzaAG1NErLGhQP0mVjWf4BL4vzolNn/ER9' +
  'oWRYEwTjD+WF/z+5FySlytBsWNzDqCEW97DbJVSJZWjmYV1sllyC0SqaS0XBFWouo2S1SraqQC8u/by4lpV3fsu+6YuBvGAV5wJ5' +
  'cQ4SYwkEA/rBlX8jL/q+Ga9859YWjwbFBMskobxAaZG08GCaqULNsfbxm8NtM9lrayVZFs3/aIPgn4sahGBeoL1yinYrj5UXf7q4' +
  '9IGh+M7TvbshL/43eaH6i7xQ4S4udzaxd+982hI4v1AwEhN4/KvVGscomXbeAkVVoV8mDHfxlK5gsGNqrpWgCwW4oNJFOO7i0I1j' +
  '6kLHzAhBF8vABZUuluMufJcnw3eNJpB0wYILKl1E4C6OOkb6yrteI3kcUYILKl1E4i6m7sXv3K79jOR5pwpcUOkiCndx2OsuSCwf' +
  '2E3QRRi4oNKFGnfx3b7+6CH3gZMEXYSDCypdaHAXv8dkHilyN28n6GI5uKDSxQrcxRuH6q9XXWl/maCLCHBBpYuVuIszW3N2HSs+' +
  'O0nQRSS4oNLFKtxFSU+82fLz5mmCLqLABZUuonEXc0Oj6+MannMSdKEGF1S6iMFdzH74W//cF6WbCLrQgAsqXcQuuA7+vT7X9z6n' +
  'JehiBbig0kUc7sLeWL//mu9AHUEXK8EFlS7icRcVDt+2lIYuP0EXq8AFlS60uIvUmhfkvafLuwi6iAYXVLpYjbvQ+PmbG9LOjxF0' +
  'EQMuqHSRgLvYOJ7frBluNxF0EQsuqHSxBndxezrs7LvPX0gl6CIOXFDpInHBeedkxZev/+I4Q9BFPLig0kUS7qKLSzv4482qdIIu' +
  'tOCCShfJuIvyrMG2bmdJA0EXq8EFlS5ScBdPdn5uquzJMRJ0kQAuqHSRirt4uzundyCjiCXoYg24oNJFGu7iJ3Fsq+V0oYWgi0Rw' +
  'QaULHe7izew9U+KN/iyCLpLABZUu9LgL/1u5c23J75E8jiSDCypdcLiLPUUHexxtv54g6CIFXFDpIh130ZQxeLhuzJNP0EUquKDS' +
  'RQbuovfuzOxXm8ZIXtdKAxdUushccD/4xPWr6rLjtwi60IELKl1k4S6KJ8Y/lq989C1BF3pwQaWLbNzFgLdj4PYzUST/Z+fABZUu' +
  'nsBdvGIeOrX3RTGSoIt0cEGli7W4i/S+xu7hqwWlBF1kgAsqXeTgLta9au8QmjpI3vebCS7oc/EHcON1ukBcAAA=';

export const realWalFixture = {
  main: (): Buffer => gunzipSync(Buffer.from(MAIN_GZ_BASE64, 'base64')),
  wal: (): Buffer => gunzipSync(Buffer.from(WAL_GZ_BASE64, 'base64')),
  /** What SQLite itself returns for the latest committed store row. */
  committedKey: 'sk-ant-api03-fixture-in-wal-only',
  checkpointedKey: 'sk-ant-api03-fixture-checkpointed',
  uncommittedKey: 'sk-ant-api03-fixture-uncommitted',
};
