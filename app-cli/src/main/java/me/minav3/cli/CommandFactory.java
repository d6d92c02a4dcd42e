package me.minav3.cli;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import me.minav3.bootstrap.CompositionRoot;
import picocli.CommandLine;

/**
 * The CLI's side of the composition root: builds each command with lazy handles to exactly the use cases it needs.
 * A handle starts the product ({@link Mina#product}) on its first use, so parsing, {@code --help} and usage errors
 * never start a database, and options such as {@code --data-dir} apply first.
 */
final class CommandFactory implements CommandLine.IFactory {

    private final Mina mina;
    private final Map<Class<?>, Supplier<Object>> commands;

    CommandFactory(Mina mina) {
        this.mina = mina;
        Supplier<GenerationWait> wait =
                use(p -> new GenerationWait(p.live(), p.workers(), p.findGeneration(), p.creditsLeft()));
        this.commands = Map.ofEntries(
                Map.entry(
                        ServeCommand.class,
                        () -> new ServeCommand(
                                port -> mina.product(settings -> port == null ? settings : settings.withPort(port))
                                        .serve())),
                Map.entry(
                        GenerateCommand.class,
                        () -> new GenerateCommand(
                                use(CompositionRoot::createStill), use(CompositionRoot::media), wait)),
                Map.entry(
                        TweakCommand.class,
                        () -> new TweakCommand(
                                use(CompositionRoot::findGeneration), use(CompositionRoot::tweakStill), wait)),
                Map.entry(
                        EditCommand.class,
                        () -> new EditCommand(
                                use(CompositionRoot::findGeneration),
                                use(CompositionRoot::editImage),
                                use(CompositionRoot::media),
                                wait)),
                Map.entry(
                        AnimateCommand.class,
                        () -> new AnimateCommand(
                                use(CompositionRoot::findGeneration),
                                use(CompositionRoot::animateStill),
                                use(CompositionRoot::media),
                                wait)),
                Map.entry(
                        SuggestMotionCommand.class,
                        () -> new SuggestMotionCommand(
                                use(CompositionRoot::findGeneration), use(CompositionRoot::suggestMotion))),
                Map.entry(
                        FeedbackCommand.class,
                        () -> new FeedbackCommand(
                                use(CompositionRoot::findGeneration), use(CompositionRoot::sendVideoFeedback), wait)),
                Map.entry(
                        BatchCommand.class,
                        () -> new BatchCommand(
                                use(CompositionRoot::findGeneration),
                                use(CompositionRoot::createStill),
                                use(CompositionRoot::media),
                                wait)),
                Map.entry(AuditCommand.class, () -> new AuditCommand(use(CompositionRoot::generationTrail))),
                Map.entry(ReplayCommand.class, () -> new ReplayCommand(use(CompositionRoot::replayGeneration))),
                Map.entry(CostsCommand.class, () -> new CostsCommand(use(CompositionRoot::costReport))),
                Map.entry(
                        CreditsCommand.Grant.class,
                        () -> new CreditsCommand.Grant(
                                use(CompositionRoot::grantCredits), use(CompositionRoot::creditBalance))),
                Map.entry(
                        CreditsCommand.Adjust.class,
                        () -> new CreditsCommand.Adjust(use(CompositionRoot::adjustCredits))),
                Map.entry(
                        CreditsCommand.Balance.class,
                        () -> new CreditsCommand.Balance(use(CompositionRoot::creditBalance))),
                Map.entry(
                        CreditsCommand.History.class,
                        () -> new CreditsCommand.History(use(CompositionRoot::creditBalance))),
                Map.entry(
                        CreditsCommand.Expire.class,
                        () -> new CreditsCommand.Expire(use(CompositionRoot::expireCredits))),
                Map.entry(
                        ShopifyCommand.Replay.class,
                        () -> new ShopifyCommand.Replay(use(p -> p.shopify().webhook()))),
                Map.entry(ReconcileCommand.class, () -> new ReconcileCommand(use(CompositionRoot::reconcileCredits))),
                Map.entry(
                        ConfigCommand.ListKeys.class,
                        () -> new ConfigCommand.ListKeys(use(CompositionRoot::configVersions))),
                Map.entry(ConfigCommand.Show.class, () -> new ConfigCommand.Show(use(CompositionRoot::configVersions))),
                Map.entry(
                        ConfigCommand.Publish.class,
                        () -> new ConfigCommand.Publish(use(CompositionRoot::publishConfig))),
                Map.entry(AuthCommand.Token.class, () -> new AuthCommand.Token(use(CompositionRoot::localTokens))),
                Map.entry(AuthCommand.Revoke.class, () -> new AuthCommand.Revoke(use(CompositionRoot::revokeTokens))),
                Map.entry(
                        AccountsCommand.Export.class,
                        () -> new AccountsCommand.Export(use(CompositionRoot::exportAccount))),
                Map.entry(
                        AccountsCommand.Delete.class,
                        () -> new AccountsCommand.Delete(use(CompositionRoot::deleteAccount))),
                Map.entry(
                        AccountsCommand.Disable.class,
                        () -> new AccountsCommand.Disable(use(CompositionRoot::disableAccount))),
                Map.entry(
                        AccountsCommand.Enable.class,
                        () -> new AccountsCommand.Enable(use(CompositionRoot::disableAccount))));
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Supplier<Object> command = commands.get(type);
        return command == null ? CommandLine.defaultFactory().create(type) : type.cast(command.get());
    }

    /** A part of the product, started on first use. */
    private <T> Supplier<T> use(Function<CompositionRoot, T> part) {
        return () -> part.apply(mina.product(settings -> settings));
    }
}
