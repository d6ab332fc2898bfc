// Desktop notifications for high findings. Each OS has its own tool; where there is none (a
// server, a CI box, no session bus) the notification is dropped and only the log has the event.
// The daemon takes a `DesktopNotifier`, so tests pass a recording fake.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { Env } from '../../awsconfig/paths.js';
import { linesToShow } from '../../display.js';
import type { OsName } from '../../platform/paths.js';

export interface DesktopNotifier {
  /** Resolves true when a notification was shown; never rejects. */
  notify(title: string, body: string): Promise<boolean>;
}

type Command = [program: string, args: string[]];

export function createDesktopNotifier(env: Env, os: OsName): DesktopNotifier {
  return {
    notify: async (title, body) => {
      // Profile names and paths come from files: no raw control character reaches the desktop.
      for (const command of notifyCommands(linesToShow(title), linesToShow(body), env, os)) {
        if (await runQuietly(command)) return true;
      }
      return false;
    },
  };
}

/** The commands to try, in order, for this desktop. Pure apart from the PATH lookup. */
export function notifyCommands(title: string, body: string, env: Env, os: OsName): Command[] {
  if (os === 'darwin') {
    return [['osascript', ['-e', `display notification ${appleString(body)} with title ${appleString(title)}`]]];
  }
  if (os === 'win32') return [['powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', windowsToast(title, body)]]];
  if (!env.DBUS_SESSION_BUS_ADDRESS) return [];
  const commands: Command[] = [];
  if (onPath('notify-send', env)) commands.push(['notify-send', ['--app-name=keyward', '--urgency=critical', title, body]]);
  if (onPath('gdbus', env)) commands.push(['gdbus', gdbusArgs(title, body)]);
  return commands;
}

function gdbusArgs(title: string, body: string): string[] {
  return ['call', '--session', '--dest', 'org.freedesktop.Notifications', '--object-path', '/org/freedesktop/Notifications',
    '--method', 'org.freedesktop.Notifications.Notify', 'keyward', '0', '', gvariantString(title), gvariantString(body), '[]', '{}', '-1'];
}

// gdbus parses each argument as a GVariant text literal.
function gvariantString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function appleString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// A toast through the WinRT API that ships with Windows 10/11; no module to install.
function windowsToast(title: string, body: string): string {
  const ps = (text: string): string => `'${text.replace(/'/g, "''")}'`;
  return [
    '[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] | Out-Null',
    '$x = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02)',
    `$t = $x.GetElementsByTagName('text'); $t.Item(0).InnerText = ${ps(title)}; $t.Item(1).InnerText = ${ps(body)}`,
    "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('keyward').Show([Windows.UI.Notifications.ToastNotification]::new($x))",
  ].join('; ');
}

function onPath(program: string, env: Env): boolean {
  return (env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function runQuietly([program, args]: Command): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: 'ignore', windowsHide: true });
    const timer = setTimeout(() => { child.kill(); resolve(false); }, 5000);
    child.on('error', () => { clearTimeout(timer); resolve(false); });
    child.on('close', (code) => { clearTimeout(timer); resolve(code === 0); });
  });
}
