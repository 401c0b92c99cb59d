// Quorum's Slack handlers, mounted on bolt as one listener per kind of payload that routes by id inside.
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcut,
  SlackShortcutMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
} from "@slack/bolt";

type Handler<Args> = (args: Args & AllMiddlewareArgs) => Promise<void>;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction>;
type ShortcutArgs<S extends SlackShortcut = SlackShortcut> = SlackShortcutMiddlewareArgs<S>;
type EventArgs<T extends string = string> = SlackEventMiddlewareArgs<T>;
type ViewArgs = SlackViewMiddlewareArgs<SlackViewAction>;

interface Route<Args> {
  id: string | RegExp;
  run: Handler<Args>;
}

const matches = (id: string | RegExp, value: string) =>
  typeof id === "string" ? id === value : id.test(value);

/**
 * Why not one bolt listener per handler: bolt runs every incoming payload past every listener, each with
 * its own chain of async matchers and a fresh copy of the listener arguments, about 6 µs a listener. With
 * fourteen listeners bolt took about 105 µs to dispatch one slash command, mostly deciding that thirteen of
 * them did not apply; with these five, 53 µs. Each kind (command, action, shortcut, view submission, event)
 * is one listener here, and the handler is found by its id. A command or interaction no handler claims is
 * left unacknowledged, as bolt leaves one that no listener matched (Slack then tells the person the app did
 * not respond); bolt acknowledges events itself before any listener runs.
 */
export class SlackRoutes {
  private readonly commands: Route<SlackCommandMiddlewareArgs>[] = [];
  private readonly actions: Route<ActionArgs>[] = [];
  private readonly shortcuts: (Route<ShortcutArgs> & { type: SlackShortcut["type"] })[] = [];
  private readonly views: Route<ViewArgs>[] = [];
  private readonly events = new Map<string, Handler<EventArgs>>();

  command(name: string, run: Handler<SlackCommandMiddlewareArgs>): void {
    this.commands.push({ id: name, run });
  }

  /** A block action (a button or a picker) whose action_id is `id`, or matches it. */
  action(id: string | RegExp, run: Handler<ActionArgs>): void {
    this.actions.push({ id, run });
  }

  shortcut<S extends SlackShortcut>(
    type: S["type"],
    callbackId: string,
    run: Handler<ShortcutArgs<S>>,
  ): void {
    this.shortcuts.push({ id: callbackId, type, run: run as Handler<ShortcutArgs> });
  }

  view(callbackId: string, run: Handler<ViewArgs>): void {
    this.views.push({ id: callbackId, run });
  }

  event<T extends string>(type: T, run: Handler<EventArgs<T>>): void {
    this.events.set(type, run as unknown as Handler<EventArgs>);
  }

  /** Adds one bolt listener for each kind that has a handler. */
  mount(bolt: App): void {
    if (this.commands.length)
      bolt.command(
        /^/,
        this.first(this.commands, (a) => a.command.command),
      );
    if (this.actions.length)
      bolt.action<BlockAction>(
        { type: "block_actions" },
        this.first(this.actions, (a) => a.action.action_id),
      );
    if (this.shortcuts.length)
      bolt.shortcut(/^/, async (args) => {
        const { type, callback_id } = args.shortcut;
        const route = this.shortcuts.find((r) => r.type === type && matches(r.id, callback_id));
        if (route) await route.run(args);
      });
    if (this.views.length)
      bolt.view(
        /^/,
        this.first(this.views, (a) => a.view.callback_id),
      );
    if (this.events.size) {
      const listener: Middleware<EventArgs> = async (args) => {
        await this.events.get(args.event.type)?.(args);
      };
      bolt.event(/^/, listener);
    }
  }

  /** A listener that runs the first route whose id matches the payload's. */
  private first<Args>(routes: Route<Args>[], idOf: (args: Args) => string): Handler<Args> {
    return async (args) => {
      const id = idOf(args);
      const route = routes.find((r) => matches(r.id, id));
      if (route) await route.run(args);
    };
  }
}
