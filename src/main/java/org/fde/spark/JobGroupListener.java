package org.fde.spark;

import java.util.HashSet;
import java.util.Set;

import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** A listener that counts the successful tasks of the jobs of one Spark job group ({@link #succeeded}). */
abstract class JobGroupListener extends SparkListener {

	private final String group;
	private final Set<Integer> stages = new HashSet<>();

	/** @param group the Spark job group whose tasks count */
	JobGroupListener(String group) {
		this.group = group;
	}

	/** Forgets the stages seen so far (a new pass of the same group). */
	synchronized void clearStages() {
		stages.clear();
	}

	@Override
	public synchronized void onJobStart(SparkListenerJobStart e) {
		if (e.properties() != null && group.equals(e.properties().getProperty("spark.jobGroup.id"))) {
			for (Object id : scala.collection.JavaConverters.seqAsJavaList(e.stageIds())) {
				stages.add((Integer) id);
			}
		}
	}

	@Override
	public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
		if (stages.contains(e.stageId()) && e.reason() == Success$.MODULE$) {
			succeeded();
		}
	}

	/** Called (under this listener's lock) once per successful task of the group. */
	abstract void succeeded();
}
