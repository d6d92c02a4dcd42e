package me.minav3.adapters.providers.local;

import java.util.Arrays;

/** Connected parts (four-neighbour) of a binary label image, for tidying a segmentation. */
final class Regions {

    private Regions() {}

    /** Clears every true part smaller than {@code fraction} of the biggest true part. */
    static void dropSpecks(boolean[] on, int w, int h, double fraction) {
        int[] label = new int[on.length];
        int[] sizes = label(on, true, w, h, label);
        int biggest = 0;
        for (int s : sizes) biggest = Math.max(biggest, s);
        for (int i = 0; i < on.length; i++) {
            if (on[i] && sizes[label[i]] < fraction * biggest) {
                on[i] = false;
            }
        }
    }

    /** Sets every false part that touches no image edge and has fewer than {@code maxPixels} pixels. */
    static void fillHoles(boolean[] on, int w, int h, int maxPixels) {
        int[] label = new int[on.length];
        int[] sizes = label(on, false, w, h, label);
        boolean[] open = new boolean[sizes.length];
        for (int x = 0; x < w; x++) {
            markOpen(on, label, open, x);
            markOpen(on, label, open, (h - 1) * w + x);
        }
        for (int y = 0; y < h; y++) {
            markOpen(on, label, open, y * w);
            markOpen(on, label, open, y * w + w - 1);
        }
        for (int i = 0; i < on.length; i++) {
            if (!on[i] && !open[label[i]] && sizes[label[i]] < maxPixels) {
                on[i] = true;
            }
        }
    }

    private static void markOpen(boolean[] on, int[] label, boolean[] open, int i) {
        if (!on[i]) {
            open[label[i]] = true;
        }
    }

    /** Labels the parts whose value is {@code value}; returns the size of each label (label 0 is unused). */
    private static int[] label(boolean[] on, boolean value, int w, int h, int[] label) {
        int[] sizes = new int[16];
        int[] stack = new int[on.length];
        int next = 1;
        for (int start = 0; start < on.length; start++) {
            if (on[start] != value || label[start] != 0) {
                continue;
            }
            if (next == sizes.length) {
                sizes = Arrays.copyOf(sizes, next * 2);
            }
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            int size = 0;
            while (top > 0) {
                int i = stack[--top];
                size++;
                int x = i % w;
                int y = i / w;
                if (x > 0) top = push(on, value, label, stack, top, i - 1, next);
                if (x + 1 < w) top = push(on, value, label, stack, top, i + 1, next);
                if (y > 0) top = push(on, value, label, stack, top, i - w, next);
                if (y + 1 < h) top = push(on, value, label, stack, top, i + w, next);
            }
            sizes[next++] = size;
        }
        return Arrays.copyOf(sizes, next);
    }

    private static int push(boolean[] on, boolean value, int[] label, int[] stack, int top, int j, int id) {
        if (on[j] == value && label[j] == 0) {
            label[j] = id;
            stack[top++] = j;
        }
        return top;
    }
}
