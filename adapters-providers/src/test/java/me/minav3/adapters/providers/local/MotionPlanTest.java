package me.minav3.adapters.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MotionPlanTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Slow push-in towards the cup.                        | ZOOM_IN
            Slow zoom out that shows a little more of the scene. | ZOOM_OUT
            Gentle pan from left to right across the scene.      | PAN_RIGHT
            The camera pans left over the table.                 | PAN_LEFT
            The camera tilts up to the sky.                      | TILT_UP
            The camera stays locked off and steady.              | STILL
            Steam curls above the cup.                           | ZOOM_IN
            """)
    void readsTheCameraMoveFromPlainWords(String prompt, MotionPlan.Move move) {
        assertThat(MotionPlan.of(prompt).move()).isEqualTo(move);
    }

    @ParameterizedTest
    @EnumSource(MotionPlan.Move.class)
    void theImageAlwaysCoversTheWholeFrame(MotionPlan.Move move) throws NoninvertibleTransformException {
        MotionPlan plan = new MotionPlan(move, 0.25);
        for (int[] image : new int[][] {{1024, 768}, {600, 1000}, {500, 500}}) {
            for (double t = 0; t <= 1.0001; t += 0.125) {
                AffineTransform inverse =
                        plan.transform(t, image[0], image[1], 640, 360).createInverse();
                for (double[] corner : new double[][] {{0, 0}, {640, 0}, {0, 360}, {640, 360}}) {
                    Point2D source = inverse.transform(new Point2D.Double(corner[0], corner[1]), null);
                    assertThat(source.getX()).isBetween(-1e-6, image[0] + 1e-6);
                    assertThat(source.getY()).isBetween(-1e-6, image[1] + 1e-6);
                }
            }
        }
    }
}
