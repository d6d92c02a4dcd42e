package me.minav3.mma.engine;

/**
 * The generation a stage works on is no longer this worker's (its lease expired and another worker claimed it): the
 * stage stops at once and the run ends without writing anything.
 */
final class LeaseLost extends RuntimeException {

    LeaseLost(String message) {
        super(message, null, false, false);
    }
}
