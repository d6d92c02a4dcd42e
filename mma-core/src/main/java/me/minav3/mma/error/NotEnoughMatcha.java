package me.minav3.mma.error;

/** Reports an {@code InsufficientMatcha} or {@code Expired} outcome to a person ("I need matcha"). */
public final class NotEnoughMatcha extends MinaException {

    private final long balance;
    private final long needed;

    public NotEnoughMatcha(long balance, long needed, String message) {
        super(message);
        this.balance = balance;
        this.needed = needed;
    }

    public long balance() {
        return balance;
    }

    public long needed() {
        return needed;
    }
}
