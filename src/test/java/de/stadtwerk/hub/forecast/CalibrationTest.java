package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static final LocalDate TARGET = LocalDate.of(2024, 5, 1);

    @Test
    void learnsTheScaleFromEarlierDaysOnly() {
        List<CalibrationSample> history = new ArrayList<>();
        for (int d = 1; d <= 30; d++) {
            for (int h = 6; h < 20; h++) {
                // before the target: the model says twice what was measured
                history.add(new CalibrationSample(TARGET.minusDays(d), h, 200.0 + h, (200.0 + h) / 2));
                // on and after the target day: something completely different, which must not be used
                history.add(new CalibrationSample(TARGET.plusDays(d - 1), h, 200.0 + h, 50 * (200.0 + h)));
            }
        }
        Calibration cal = new RollingCalibration(21, 1.0, 0, 1.0).fit(history, TARGET);
        assertThat(cal.apply(12, 100.0)).isCloseTo(50.0, within(1e-6));
    }

    @Test
    void hourlyFactorsCorrectADiurnalBiasAndWithoutHistoryThePriorApplies() {
        List<CalibrationSample> history = new ArrayList<>();
        for (int d = 1; d <= 14; d++) {
            history.add(new CalibrationSample(TARGET.minusDays(d), 8, 100, 150));
            history.add(new CalibrationSample(TARGET.minusDays(d), 16, 100, 50));
        }
        Calibration cal = new RollingCalibration(14, 0.0, 0, 1.0).fit(history, TARGET);
        assertThat(cal.apply(8, 10)).isCloseTo(15, within(1e-9));
        assertThat(cal.apply(16, 10)).isCloseTo(5, within(1e-9));
        assertThat(new RollingCalibration(14, 1.0, 0, 0.8).fit(List.of(), TARGET).apply(12, 10)).isCloseTo(8, within(1e-9));
    }

    @Test
    void windCalibrationRecoversSpeedAndCapacityFactors() {
        WindTurbine fleet = new WindTurbine("fleet", 1000, 100, PowerCurve.typical(3e6).smoothed(0.3));
        List<WindCalibration.Sample> history = new ArrayList<>();
        for (int d = 1; d <= 28; d++) {
            for (int h = 0; h < 24; h++) {
                double v10 = 2 + (d * 7 + h * 3) % 9; // 2..10 m/s
                double truth = 0.9 * 1000 * fleet.curve().fraction(1.6 * v10);
                history.add(new WindCalibration.Sample(TARGET.minusDays(d), h, v10, truth));
                history.add(new WindCalibration.Sample(TARGET.plusDays(d), h, v10, 0.0)); // the future: ignored
            }
        }
        WindCalibration.Fit fit = new WindCalibration(28, 1, 1.5).fit(history, fleet, TARGET);
        assertThat(fit.speedFactor()[12]).isCloseTo(1.6, within(0.03));
        assertThat(fit.capacityFactor()[12]).isCloseTo(0.9, within(0.03));
        assertThat(fit.power(fleet, 12, 6.0)).isCloseTo(0.9 * 1000 * fleet.curve().fraction(9.6), within(15.0));
    }

    @Test
    void loadMixRecoversTheProfileCoefficients() {
        List<LoadMixCalibration.Sample> history = new ArrayList<>();
        for (int d = 1; d <= 14; d++) {
            for (int h = 0; h < 24; h++) {
                double a = 100 + 50 * Math.sin(h / 3.0 + d);
                double b = 80 + 30 * Math.cos(h / 5.0);
                history.add(new LoadMixCalibration.Sample(TARGET.minusDays(d), new double[] {a, b}, 1000 + 3 * a + 7 * b));
            }
        }
        double[] c = new LoadMixCalibration(14).fit(history, TARGET);
        assertThat(c).containsExactly(new double[] {1000, 3, 7}, within(0.05));
        assertThat(LoadMixCalibration.predict(c, new double[] {10, 20})).isCloseTo(1170, within(0.1));
        assertThat(new LoadMixCalibration(14).fit(history, TARGET.minusDays(20))).isNull();
    }
}
