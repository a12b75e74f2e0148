package org.ebm4j.api.random;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable source of randomness in the style of JAX/BlackJAX keys: a routine that needs random numbers takes a
 * key, derives independent sub-keys with {@link #fold(long)} or {@link #split(int)}, and never keeps a generator
 * in a field. The same key always yields the same numbers on the CPU.
 *
 * <p>Sub-keys are derived with the SplitMix64 finaliser (Steele, Lea &amp; Flood 2014), whose output passes BigCrush;
 * sub-keys of different {@code data} are statistically independent streams for practical purposes.
 *
 * @param bits the 64 bits of state
 */
public record RandomKey(long bits) {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** @return the key for a user-supplied seed (the seed is mixed, so seeds 0, 1, 2 give unrelated keys). */
    public static RandomKey of(long seed) {
        return new RandomKey(mix(seed + GOLDEN_GAMMA));
    }

    /** @return a sub-key for {@code data} (a step number, a chain index, a purpose tag). */
    public RandomKey fold(long data) {
        return new RandomKey(mix(bits ^ mix(data * GOLDEN_GAMMA + 0x632BE59BD9B4E019L)));
    }

    /** @return a sub-key for a purpose named by a string (for example "noise" or "init"). */
    public RandomKey fold(String purpose) {
        long h = 1125899906842597L;
        for (int i = 0; i < purpose.length(); i++) {
            h = 31 * h + purpose.charAt(i);
        }
        return fold(h);
    }

    /** @return {@code n} independent sub-keys. */
    public RandomKey[] split(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("split: n = " + n + "; expected n >= 1");
        }
        RandomKey[] keys = new RandomKey[n];
        for (int i = 0; i < n; i++) {
            keys[i] = fold(i);
        }
        return keys;
    }

    /** @return a JVM generator seeded from this key, for draws made in Java (indices, counts). */
    public SplittableRandom javaRandom() {
        return new SplittableRandom(bits);
    }

    /**
     * @return a new native ND4J generator seeded from this key, for array draws
     *     ({@code Nd4j.getExecutioner().exec(op, rng)}); close it after use.
     */
    public Random nd4jRandom() {
        return Nd4j.getRandomFactory().getNewRandomInstance(bits);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
