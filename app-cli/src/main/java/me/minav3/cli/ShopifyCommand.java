package me.minav3.cli;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import me.minav3.http.shopify.ShopifyWebhook;
import me.minav3.mma.common.Actor;
import me.minav3.mma.shopify.OrderOutcome;
import me.minav3.mma.shopify.TagOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina shopify replay}. */
@Command(
        name = "shopify",
        description = "Work with Shopify matcha packs: replay an order.",
        mixinStandardHelpOptions = true,
        subcommands = {ShopifyCommand.Replay.class})
final class ShopifyCommand extends MinaCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(out().err());
        return ExitCode.USAGE;
    }

    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = {
                "Apply a Shopify order payload exactly as the webhook would (without the signature check).",
                "Lines credited before are never credited again; the buyer is tagged Mina-users again."
            })
    static final class Replay extends MinaCommand {

        /** Tagging retries for minutes at most; the command waits that long for its result. */
        private static final Duration TAG_WAIT = Duration.ofMinutes(5);

        @Parameters(
                index = "0",
                paramLabel = "ORDER.json",
                description = "An orders/paid webhook body, or an order from the Admin API; - reads it from stdin.")
        @SuppressWarnings("NullAway.Init")
        String file;

        @Option(
                names = "--topic",
                defaultValue = "orders/paid",
                paramLabel = "TOPIC",
                description = "The webhook topic to record (default ${DEFAULT-VALUE}).")
        @SuppressWarnings("NullAway.Init")
        String topic;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<ShopifyWebhook> webhook;

        Replay(Supplier<ShopifyWebhook> webhook) {
            this.webhook = webhook;
        }

        @Override
        public Integer call() {
            byte[] body = Inputs.bytes(file, "ORDER.json", stdin());
            OrderOutcome outcome = webhook.get().replay(body, topic, Actor.cli(commandName()));
            if (outcome instanceof OrderOutcome.Credited credited) {
                awaitTagging(credited);
            }
            if (json) {
                out().json(ShopifyWebhook.answer(outcome));
            } else {
                print(outcome);
            }
            return ExitCode.OK;
        }

        private void awaitTagging(OrderOutcome.Credited credited) {
            if (credited.tagging().isDone()) {
                return;
            }
            out().note("tagging the Shopify customer…");
            try {
                credited.tagging().get(TAG_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                out().note(
                                "tagging is still being retried; it stops when this command ends — replay again later to tag");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // The tagging future never fails; its outcome says how it ended.
            }
        }

        private void print(OrderOutcome outcome) {
            switch (outcome) {
                case OrderOutcome.NothingCredited n -> {
                    out().line("order " + n.orderId() + ": nothing credited ("
                            + n.reason().wire() + "): " + n.detail());
                    n.notes().forEach(note -> out().line("  note: " + note));
                }
                case OrderOutcome.Credited c -> {
                    out().line("order " + c.orderId() + ": "
                            + (c.alreadyCredited()
                                    ? "already credited, nothing added"
                                    : "credited " + c.newlyCredited() + " matcha")
                            + " to " + c.passId().value() + " (" + c.rule() + ")");
                    c.lines()
                            .forEach(l -> out().line("  line %d  %s × %d = %d matcha  %s"
                                    .formatted(
                                            l.lineItemId(),
                                            l.sku(),
                                            l.quantity(),
                                            l.matcha(),
                                            l.newlyApplied() ? "credited" : "already credited")));
                    c.ignoredLines()
                            .forEach(i -> out().line("  line %d  %s × %d  not a matcha pack"
                                    .formatted(i.id(), i.sku() == null ? "(no sku)" : i.sku(), i.quantity())));
                    c.notes().forEach(note -> out().line("  note: " + note));
                    out().line("balance: " + c.balance() + " matcha"
                            + (c.expiresAt() == null ? "" : ", expires " + c.expiresAt()));
                    out().line(tagLine(c));
                }
            }
        }

        private static String tagLine(OrderOutcome.Credited c) {
            if (!c.tagging().isDone()) {
                return "tag: still being retried";
            }
            TagOutcome t = c.tagging().join();
            return switch (t.status()) {
                case NOT_NEEDED -> "tag: none (a guest order has no Shopify customer to tag)";
                case RECENTLY_TAGGED -> "tag " + t.tag() + ": tagged moments ago";
                case TAGGED ->
                    "tag " + t.tag() + ": "
                            + ("local".equals(t.provider())
                                    ? "logged only (no shop configured: SHOPIFY_STORE_DOMAIN, SHOPIFY_ADMIN_TOKEN)"
                                    : "tagged in Shopify");
                case FAILED -> "tag " + t.tag() + ": FAILED after " + t.attempts() + " attempt(s): " + t.error();
            };
        }
    }
}
