/*
 * ffmpeg_hls_test.c - waiting for an FFmpeg child: the wait ends with the
 * process and hands back its exit status; at the deadline the process is
 * killed and reaped. (Any program serves: the wait does not care which.)
 */
#include "../test_util.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include "media/ffmpeg_hls.h"

extern char **environ;

static pid_t spawn(const char *const *argv)
{
	pid_t pid;
	assert_int_equal(posix_spawnp(&pid, argv[0], NULL, NULL, (char *const *)argv, environ), 0);
	return pid;
}

static void test_wait_returns_the_exit_status(void **state)
{
	(void)state;
	const char *const argv[] = {"sh", "-c", "exit 3", NULL};
	int status = 0;
	assert_true(ffmpeg_wait(spawn(argv), 60000, &status));
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
}

static void test_deadline_kills_and_reaps(void **state)
{
	(void)state;
	const char *const argv[] = {"sleep", "30", NULL};
	pid_t pid = spawn(argv);
	int status = 0;
	assert_false(ffmpeg_wait(pid, 200, &status));
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
	/* reaped: no such child any more */
	assert_int_equal(waitpid(pid, &status, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_wait_returns_the_exit_status),
	        cmocka_unit_test(test_deadline_kills_and_reaps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
