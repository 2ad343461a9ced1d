# Warning flags shared by every StreamCanvas target.
function(sc_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
                                           -Wno-missing-field-initializers)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wshadow=local)
  endif()
  if(SC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# sc_add_library(name SOURCES ... LIBS ...): a static engine library (never links Qt).
function(sc_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_LIBS})
  sc_set_warnings(${name})
endfunction()

# sc_add_test(tst_name SOURCES ... LIBS ... [GUI] [REAL_KAFKA] [TIMEOUT s] [LABELS ...]): one Qt
# Test executable, registered with ctest. GUI tests run on the offscreen platform. REAL_KAFKA tests
# run against the real broker of the real_kafka fixture (see sc_require_real_kafka).
function(sc_add_test name)
  cmake_parse_arguments(ARG "GUI;REAL_KAFKA" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  set_target_properties(${name} PROPERTIES AUTOMOC ON)
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${name} PRIVATE SC_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                             SC_BINARY_DIR="${PROJECT_BINARY_DIR}")
  sc_set_warnings(${name})
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  # Checkpoints of pipelines the test runs go to a folder of its own, never the user's.
  set(state_home ${PROJECT_BINARY_DIR}/test-state/${name})
  file(REMOVE_RECURSE ${state_home})
  set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
                       ENVIRONMENT "QT_QPA_PLATFORM=offscreen;SC_SOURCE_DIR=${PROJECT_SOURCE_DIR};XDG_STATE_HOME=${state_home}")
  if(ARG_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
  if(ARG_REAL_KAFKA)
    sc_require_real_kafka(${name})
  endif()
endfunction()

# The real Apache Kafka broker (tests/kafka/kafka-fixture.sh) as a ctest fixture: ctest starts it
# before the first test that requires it and stops it after the last, even when tests fail. Its
# state, including the kafka.env file tests read, lives in <build>/real-kafka.
set(SC_REAL_KAFKA_DIR ${PROJECT_BINARY_DIR}/real-kafka)
set(SC_REAL_KAFKA_ENV ${SC_REAL_KAFKA_DIR}/kafka.env)

function(sc_add_real_kafka_fixture)
  # Once for the whole build: if(TEST) sees only this directory's tests, and a second start in
  # another directory (tests/flink) formatted the same broker folder under the running broker.
  get_property(defined GLOBAL PROPERTY SC_REAL_KAFKA_FIXTURE_DEFINED)
  if(defined)
    return()
  endif()
  set_property(GLOBAL PROPERTY SC_REAL_KAFKA_FIXTURE_DEFINED ON)
  set(script ${PROJECT_SOURCE_DIR}/tests/kafka/kafka-fixture.sh)
  add_test(NAME real_kafka_start COMMAND bash ${script} start ${SC_REAL_KAFKA_DIR})
  add_test(NAME real_kafka_stop COMMAND bash ${script} stop ${SC_REAL_KAFKA_DIR})
  # The script bounds its own waits (120 s for the broker to answer, 30 s to stop) below these.
  set_tests_properties(real_kafka_start PROPERTIES FIXTURES_SETUP real_kafka TIMEOUT 180
                                                   LABELS "kafka;real-kafka")
  set_tests_properties(real_kafka_stop PROPERTIES FIXTURES_CLEANUP real_kafka TIMEOUT 60
                                                  LABELS "kafka;real-kafka")
endfunction()

# sc_require_real_kafka(test): `test` runs against the real broker: it requires the real_kafka
# fixture, is labelled real-kafka, and finds the broker's kafka.env file in SC_REAL_KAFKA_ENV.
function(sc_require_real_kafka test)
  sc_add_real_kafka_fixture()
  set_property(TEST ${test} APPEND PROPERTY FIXTURES_REQUIRED real_kafka)
  set_property(TEST ${test} APPEND PROPERTY LABELS real-kafka)
  set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT SC_REAL_KAFKA_ENV=${SC_REAL_KAFKA_ENV})
endfunction()
