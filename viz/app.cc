// viz/app.cc — GLFW window + ImGui backends + the frame loop.
#include "viz/app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <cfloat>
#include <cstdio>

#include "sim/trace.h"

#include "viz/controller.h"
#include "viz/fonts.h"
#include "viz/screenshot.h"
#include "viz/theme.h"
#include "viz/ui_dump.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

constexpr const char* kGlslVersion = "#version 130";

void OnGlfwError(int code, const char* text) { std::fprintf(stderr, "kafkasim-viz: GLFW error %d: %s\n", code, text); }

GLFWwindow* OpenWindow(const VizOptions& o) {
  glfwSetErrorCallback(OnGlfwError);
  if (!glfwInit()) return nullptr;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_SAMPLES, 4);
  GLFWwindow* w = glfwCreateWindow(o.width, o.height, "kafkasim-viz", nullptr, nullptr);
  if (w == nullptr) {
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(w);
  glfwSwapInterval(o.screenshot.empty() ? 1 : 0);
  return w;
}

void InitImGui(GLFWwindow* w, float scale) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is computed; nothing written to the working directory
  theme::ApplyStyle(scale);
  LoadFonts(scale);
  ImGui_ImplGlfw_InitForOpenGL(w, true);
  ImGui_ImplOpenGL3_Init(kGlslVersion);
}

void ShutdownImGui(GLFWwindow* w) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(w);
  glfwTerminate();
}

// One frame: the windows, their commands applied, the draw data rendered.
void Frame(GLFWwindow* w, UiState& ui, SimController& controller, float loaded_scale, bool headless) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (headless) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no stray hover in screenshots
  io.FontGlobalScale = ui.ui_scale / loaded_scale;
  ImGui::NewFrame();
  UiCommands commands = ShowAllWindows(ui, controller);
  ImGui::Render();
  controller.Apply(commands);
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(w, &fw, &fh);
  glViewport(0, 0, fw, fh);
  ImVec4 bg = theme::ToVec4(theme::kBackground);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

// The view model of the frame just drawn, for tests that read what the screen shows.
std::string WriteText(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return "cannot write " + path;
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  return ok ? "" : "cannot write " + path;
}

// --ui-dump: rewritten (via a rename, so readers never see half a file) when it changed.
void WriteUiDump(const std::string& path, const std::string& text, std::string& last) {
  if (text == last) return;
  std::string tmp = path + ".tmp";
  if (WriteText(tmp, text).empty() && std::rename(tmp.c_str(), path.c_str()) == 0) last = text;
}

// Frames drawn after the N-th hand-added fault before the shot (popups closed, re-simulated view drawn).
constexpr int kShotSettleFrames = 4;

void MaybeShootAfterFaults(GLFWwindow* w, const VizOptions& o, const SimController& c, int& countdown) {
  if (o.shot_after_faults <= 0 || countdown < 0) return;
  if (c.hand_faults().size() < static_cast<size_t>(o.shot_after_faults) || --countdown > 0) return;
  countdown = -1;  // once
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(w, &fw, &fh);
  std::string why = WriteFramebufferPng(o.shot_after_faults_path, fw, fh);
  if (why.empty()) {
    std::printf("kafkasim-viz: wrote %s (%dx%d)\n", o.shot_after_faults_path.c_str(), fw, fh);
    std::fflush(stdout);
  }
  else std::fprintf(stderr, "kafkasim-viz: %s\n", why.c_str());
}

}  // namespace

int RunVizApp(const scenario::Scenario& s, const VizOptions& o) {
  GLFWwindow* w = OpenWindow(o);
  if (w == nullptr) {
    std::fprintf(stderr,
                 "kafkasim-viz: cannot open a window: no display (is DISPLAY set?). For a headless run use\n"
                 "  xvfb-run -a -s \"-screen 0 1280x800x24\" kafkasim-viz FILE --screenshot out.png\n");
    return kExitNoDisplay;
  }
  InitImGui(w, o.scale);
  UiState ui;
  ui.ui_scale = o.scale;
  if (!o.save_path.empty()) std::snprintf(ui.save_path, sizeof ui.save_path, "%s", o.save_path.c_str());
  std::string dumped;
  std::string status_shown;
  int shot_countdown = kShotSettleFrames;
  SimController controller(s, o.seed.value_or(s.seed));
  controller.Apply(UiCommand{SetSpeedCommand{o.speed_ms_per_sec}});
  if (o.run_to) controller.SeekTo(*o.run_to);
  if (o.play) controller.Apply(UiCommand{PlayCommand{true}});
  bool headless = !o.screenshot.empty();
  int status = kExitOk;
  double last = glfwGetTime();
  for (int frame = 0; !glfwWindowShouldClose(w); ++frame) {
    glfwPollEvents();
    double now = glfwGetTime();
    if (!headless) controller.Tick(now - last);
    last = now;
    // While settling for --screenshot-after-faults: no hover, as in headless shots.
    bool settling = o.shot_after_faults > 0 && shot_countdown >= 0 &&
                    controller.hand_faults().size() >= static_cast<size_t>(o.shot_after_faults);
    Frame(w, ui, controller, o.scale, headless || settling);
    if (!o.ui_dump.empty()) WriteUiDump(o.ui_dump, DescribeUi(ui, controller), dumped);
    if (controller.status() != status_shown) {  // "saved P: kafkasim run gives trace_hash=H PASS", faults added
      status_shown = controller.status();
      std::printf("kafkasim-viz: %s\n", status_shown.c_str());
      std::fflush(stdout);
    }
    MaybeShootAfterFaults(w, o, controller, shot_countdown);
    if (headless && frame + 1 >= o.frames) {
      int fw = 0, fh = 0;
      glfwGetFramebufferSize(w, &fw, &fh);
      std::string why = WriteFramebufferPng(o.screenshot, fw, fh);
      if (why.empty() && !o.state_out.empty()) why = WriteText(o.state_out, DescribeViewModel(ui.view));
      if (!why.empty()) std::fprintf(stderr, "kafkasim-viz: %s\n", why.c_str());
      else std::printf("kafkasim-viz: wrote %s (%dx%d) at t=%s\n", o.screenshot.c_str(), fw, fh,
                       FormatSeconds(controller.sim().now()).c_str());
      status = why.empty() ? kExitOk : 1;
      break;
    }
    glfwSwapBuffers(w);
  }
  if (!headless) std::printf("kafkasim-viz: t=%s seed=%llu hand_faults=%zu trace_hash=%s\n",
              FormatSeconds(controller.sim().now()).c_str(), static_cast<unsigned long long>(controller.seed()),
              controller.hand_faults().size(), sim::Trace::HashHex(controller.trace_hash()).c_str());
  ShutdownImGui(w);
  return status;
}

}  // namespace kafkasim::viz
